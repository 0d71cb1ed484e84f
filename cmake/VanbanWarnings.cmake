# Warning flags shared by every vanban target.
add_library(vanban_warnings INTERFACE)
target_compile_options(vanban_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
