#include "positive_number.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace statefun::cli {

CLI::Validator positive_number() {
  return {[](const std::string& input) -> std::string {
            double value = 0;
            const char* end = input.data() + input.size();
            const auto [stop, ec] = std::from_chars(input.data(), end, value);
            if (ec != std::errc() || stop != end || !std::isfinite(value) || value <= 0) {
              return "must be a number above 0, not '" + input + "'";
            }
            return {};
          },
          "POSITIVE"};
}

}  // namespace statefun::cli
