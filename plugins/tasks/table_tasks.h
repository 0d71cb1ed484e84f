// Tasks from the rows of task tables: plans print their tasks as a table (STT | Nội dung | Đơn vị
// chủ trì | Đơn vị phối hợp | Thời gian thực hiện) as often as an outline.
#ifndef VANBAN_PLUGINS_TASKS_TABLE_TASKS_H_
#define VANBAN_PLUGINS_TASKS_TABLE_TASKS_H_

#include "vanban/extraction.h"
#include "vanban/rules.h"
#include "vanban/structure.h"

namespace vanban::plugins {

// Appends a task (source "table") for each row of each task table of `doc`: tables whose header row
// names a content column and a lead-unit or time column (the task.table_* rules). Header rows,
// group rows ("I" | "Hoàn thiện thể chế …") and rows without content are not tasks.
void AddTableTasks(const Document& doc, const DocumentStructure& structure, const RuleSet& rules, Extraction& out);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_TASKS_TABLE_TASKS_H_
