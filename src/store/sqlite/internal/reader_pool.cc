#include "store/sqlite/internal/reader_pool.h"

#include <algorithm>

namespace hoptac::store::sqlite {

Result<std::unique_ptr<ReaderPool>> ReaderPool::Open(const std::string& path, int count,
                                                     const ConnectionOptions& options) {
  std::unique_ptr<ReaderPool> pool(new ReaderPool());
  ConnectionOptions read_options = options;
  read_options.mode = OpenMode::kReadOnly;
  for (int i = 0; i < std::max(count, 1); ++i) {
    auto conn = Connection::Open(path, read_options);
    if (!conn.ok()) return conn.status();
    pool->free_.push_back(conn->get());
    pool->all_.push_back(std::move(*conn));
  }
  return pool;
}

ReaderPool::Lease ReaderPool::Acquire() {
  std::unique_lock lock(mu_);
  freed_.wait(lock, [this] { return !free_.empty(); });
  Connection* conn = free_.back();
  free_.pop_back();
  return Lease(*this, *conn);
}

void ReaderPool::Return(Connection& conn) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(&conn);
  }
  freed_.notify_one();
}

}  // namespace hoptac::store::sqlite
