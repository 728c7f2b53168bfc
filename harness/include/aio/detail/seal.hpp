// While the code under test runs (aio::testing's run_virtual/run_sync), the runtime's own state -
// the virtual clock and the trace - is sealed: only the runtime changes it. The public mutators
// (clock::reset/advance/set_mode/set_virtual_limit, trace::clear/set_echo/set_prefix_times) end
// the process loudly when called then, because a test run whose clock was turned back or whose
// trace was cleared would be judged on a history that never happened.
#pragma once

namespace aio::detail {

inline constexpr int kTamperExitCode = 87;

void set_sealed(bool sealed);
bool sealed();
// Ends the process with kTamperExitCode and a Korean message naming `what` (a mutator's name).
[[noreturn]] void tampered(const char* what);

}  // namespace aio::detail
