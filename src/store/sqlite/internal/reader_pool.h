// A fixed set of read-only connections to one database file, lent to one thread at a time. In WAL
// mode each reads its own consistent snapshot while the single writer commits, so readers never
// wait for writers; a reader waits only when every connection is lent out.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sqlite/internal/connection.h"

namespace hoptac::store::sqlite {

class ReaderPool {
 public:
  // Returns the connection to the pool when destroyed.
  class Lease {
   public:
    Lease(ReaderPool& pool, Connection& conn) : pool_(&pool), conn_(&conn) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(other.conn_) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->Return(*conn_);
    }
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_; }

   private:
    ReaderPool* pool_;
    Connection* conn_;
  };

  static Result<std::unique_ptr<ReaderPool>> Open(const std::string& path, int count, const ConnectionOptions& options);

  // Blocks until a connection is free.
  Lease Acquire();

 private:
  ReaderPool() = default;
  void Return(Connection& conn);

  std::vector<std::unique_ptr<Connection>> all_;  // fixed after Open
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<Connection*> free_;  // guarded by mu_
};

}  // namespace hoptac::store::sqlite
