// Combines shard databases (each written by one `workbench run --shard i/n` process) into one:
// prompts matched by (category, text), experiments and runs by uuid (shards of one named run
// become one run again), variants by (experiment, label), workbench generations with their
// stages, transcript and scores copied under new ids, their library examples and run items
// remapped. Merging a database twice adds nothing.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace partsmith::store {
class Store;
}

namespace partsmith::workbench {

struct MergeReport {
  std::string source;
  int prompts = 0, experiments = 0, variants = 0, runs = 0, runItems = 0, generations = 0, examples = 0;
  int runsCompleted = 0;  // runs whose every shard is now merged
  bool addedNothing() const {
    return prompts + experiments + variants + runs + runItems + generations + examples == 0;
  }
  nlohmann::json toJson() const;
};

// Merges `sourcePath` into `target`. The source is opened (and upgraded to the current schema)
// first; a damaged or foreign file is refused with a StoreError naming it.
MergeReport mergeShard(store::Store& target, const std::string& sourcePath);

}  // namespace partsmith::workbench
