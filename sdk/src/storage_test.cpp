#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/storage.hpp>

namespace statefun {
namespace {

const ValueSpec<std::int32_t> kVisits("visits", int_type());
const ValueSpec<std::string> kName("name", string_type());

Storage make_storage(bool visits_has_value) {
  std::vector<detail::StateCell> cells(2);
  cells[0].spec = &kVisits;
  cells[0].has_value = visits_has_value;
  cells[0].value = visits_has_value ? int_type().serialize(4) : "";
  cells[1].spec = &kName;
  return Storage(std::move(cells));
}

TEST(Storage, ReadsSeededValues) {
  Storage storage = make_storage(true);
  EXPECT_EQ(storage.get(kVisits), 4);
  EXPECT_EQ(storage.get(kName), std::nullopt);
  EXPECT_TRUE(storage.has(kVisits));
  EXPECT_FALSE(storage.has(kName));
}

TEST(Storage, WritesAreVisibleAndMarkedDirty) {
  Storage storage = make_storage(false);
  storage.set(kVisits, 9);
  EXPECT_EQ(storage.get(kVisits), 9);
  EXPECT_TRUE(storage.cells()[0].dirty);
  EXPECT_FALSE(storage.cells()[1].dirty);
}

TEST(Storage, RemoveClearsAndMarksDirtyEvenWithoutValue) {
  Storage storage = make_storage(false);
  storage.remove(kName);
  EXPECT_EQ(storage.get(kName), std::nullopt);
  EXPECT_TRUE(storage.cells()[1].dirty);
}

TEST(Storage, UndeclaredStateIsAnError) {
  Storage storage = make_storage(true);
  const ValueSpec<bool> other("other", bool_type());
  try {
    (void)storage.get(other);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::undeclared_state);
  }
}

TEST(Storage, SameNameWithAnotherTypeIsATypeMismatch) {
  Storage storage = make_storage(true);
  const ValueSpec<std::int64_t> visits_as_long("visits", long_type());
  try {
    storage.set(visits_as_long, std::int64_t{1});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::type_mismatch);
  }
}

TEST(Storage, AValueOfAnotherTypeCannotBeReadButCanBeOverwritten) {
  std::vector<detail::StateCell> cells(1);
  cells[0].spec = &kVisits;
  cells[0].has_value = true;
  cells[0].value = "x";
  cells[0].mismatched_type_name = "io.statefun.types/string";
  Storage storage(std::move(cells));
  EXPECT_THROW((void)storage.get(kVisits), Error);
  storage.set(kVisits, 1);
  EXPECT_EQ(storage.get(kVisits), 1);
}

}  // namespace
}  // namespace statefun
