#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

#include <statefun/http/read_buffer.hpp>

namespace statefun::http {

std::span<char> ReadBuffer::prepare(std::size_t want) {
  if (capacity_ - end_ < want && begin_ > 0) {  // move the unconsumed bytes to the front
    std::memmove(bytes_.get(), bytes_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (capacity_ - end_ < want) {
    const std::size_t capacity = std::max(capacity_ * 2, end_ + want);
    auto grown = std::make_unique_for_overwrite<char[]>(capacity);  // NOLINT(*-c-arrays)
    std::memcpy(grown.get(), bytes_.get(), end_);
    bytes_ = std::move(grown);
    capacity_ = capacity;
  }
  return {bytes_.get() + end_, capacity_ - end_};
}

void ReadBuffer::consume(std::size_t n) noexcept {
  begin_ += n;
  if (begin_ == end_) {
    begin_ = end_ = 0;
  }
}

void ReadBuffer::clear(std::size_t keep) noexcept {
  begin_ = end_ = 0;
  if (capacity_ > keep) {
    std::unique_ptr<char[]> smaller(new (std::nothrow) char[initial_]);  // NOLINT(*-c-arrays)
    if (smaller) {
      bytes_ = std::move(smaller);
      capacity_ = initial_;
    }
  }
}

}  // namespace statefun::http
