// Figures the benchmark commands print: percentiles and a one-line description of the machine.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

// Linear interpolation between the nearest ranks; 0 for an empty list.
double percentile(std::vector<double> values, double p);
// "Linux 6.1.0, 2 cores, AMD EPYC 7B13".
std::string machineDescription();

}  // namespace partsmith::cli
