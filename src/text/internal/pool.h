// Pool<T>: hands out objects that must not be shared between threads at the same time (ICU break
// iterators and transliterators, Snowball stemmers) to concurrent callers of a const method.
// Acquire() returns an idle object or makes a new one; the lease gives it back when destroyed, so
// the pool grows to the number of threads that ever used it at once. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace hoptac::text::internal {

template <typename T, typename Deleter = std::default_delete<T>>
class Pool {
 public:
  using Ptr = std::unique_ptr<T, Deleter>;

  class Lease {
   public:
    Lease(Pool& pool, Ptr object) : pool_(&pool), object_(std::move(object)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (object_) pool_->Release(std::move(object_));
    }
    T& operator*() const { return *object_; }
    T* operator->() const { return object_.get(); }
    T* get() const { return object_.get(); }

   private:
    Pool* pool_;
    Ptr object_;
  };

  explicit Pool(std::function<Ptr()> make) : make_(std::move(make)) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // May hold a null object if the factory failed; callers check get().
  Lease Acquire() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        Ptr object = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(object));
      }
    }
    return Lease(*this, make_());
  }

 private:
  void Release(Ptr object) {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(object));
  }

  std::function<Ptr()> make_;
  std::mutex mu_;
  std::vector<Ptr> idle_;  // guarded by mu_
};

}  // namespace hoptac::text::internal
