// Clang thread-safety annotations (checked with -Wthread-safety under clang; no-ops elsewhere).
// Use them to write down which mutex guards which member, so the compiler can check it.
#pragma once

#if defined(__clang__)
#define HOPTAC_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define HOPTAC_THREAD_ANNOTATION(x)
#endif

#define GUARDED_BY(x) HOPTAC_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) HOPTAC_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) HOPTAC_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) HOPTAC_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define EXCLUDES(...) HOPTAC_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ACQUIRED_AFTER(...) HOPTAC_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
