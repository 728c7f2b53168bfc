// ATTACK a23 (exercise 02): a compile bomb: #include "/dev/zero". The preprocessor reads an
// endless file, holding it in memory, until the compiler's memory or time limit stops it.
#include "/dev/zero"
