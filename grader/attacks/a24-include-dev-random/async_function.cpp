// ATTACK a24: a compile bomb: #include "/dev/urandom" (and /dev/random as a fallback): an
// endless stream of random bytes the preprocessor tries to read whole, until the compiler's
// memory or time limit stops it.
#if __has_include("/dev/urandom")
#include "/dev/urandom"
#else
#include "/dev/random"
#endif
