/* CPrefetch is header-only (a static inline hint); SwiftPM needs one source file per C target. */
#include "prefetch.h"
