// What every built-in extractor has besides its Extract: a name, a description, the rule kinds it
// reads from the shared rule set, and that rule set.
#ifndef VANBAN_PLUGINS_COMMON_RULE_EXTRACTOR_H_
#define VANBAN_PLUGINS_COMMON_RULE_EXTRACTOR_H_

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vanban/extractor.h"
#include "vanban/rules.h"

namespace vanban::plugins {

// Immutable after construction; thread-safe as its subclasses' Extract must be.
class RuleExtractor : public Extractor {
 public:
  std::string_view Name() const override { return name_; }
  std::string_view Version() const override { return "1.0.0"; }  // the built-ins' version
  std::string_view Description() const override { return description_; }
  // The rules of the kinds this extractor reads: a rule of another kind is never used by it.
  size_t RuleCount() const override {
    size_t n = 0;
    for (const std::string& kind : kinds_) n += rules_->CountKind(kind);
    return n;
  }

 protected:
  RuleExtractor(std::string_view name, std::string_view description, std::initializer_list<const char*> kinds,
                std::shared_ptr<const RuleSet> rules)
      : name_(name), description_(description), kinds_(kinds.begin(), kinds.end()), rules_(std::move(rules)) {}

  const RuleSet& rules() const { return *rules_; }

 private:
  std::string_view name_, description_;  // string literals
  std::vector<std::string> kinds_;
  std::shared_ptr<const RuleSet> rules_;
};

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_COMMON_RULE_EXTRACTOR_H_
