// Short cooperation profiles in the four launch languages: the workload of an import.
#pragma once

#include <span>
#include <string_view>

namespace hoptac::bench {

struct Profile {
  std::string_view lang;
  std::string_view text;
};

std::span<const Profile> Profiles();

}  // namespace hoptac::bench
