// The replay judges of a batch, one long-lived sandboxed process per exercise
// (runner/grader_main.cpp, "judge server"), instead of one sandboxed process per submission.
// Starting a sandbox and a test binary is most of what a judge costs (docs/benchmarks.md); a
// server pays it once per batch and judges each request in a fresh fork of itself.
// A server that cannot start, breaks a reply or stops answering is not asked again: the caller
// then starts the judge as a process of its own (run_tests.cpp), with the same verdicts.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "run.hpp"

namespace grader {

struct BatchContext;

// Needs SIGPIPE ignored (the grader's main does): a server that has gone is a failed write.
class JudgeServers {
public:
    // dir: the servers' working directories and logs (below the batch's work root).
    JudgeServers(const BatchContext& ctx, fs::path dir);
    ~JudgeServers();  // ends every server (closes its requests) and waits for it
    JudgeServers(const JudgeServers&) = delete;
    JudgeServers& operator=(const JudgeServers&) = delete;

    // Runs the judge `binary` with these Catch2 arguments on the recorded runs `replay`
    // ([{"test", "obs"}]), its records carrying `nonce`. The result holds what a process of its
    // own would give (exit status, signal, timed_out, results_text); nullopt: no server (ask
    // for a process of its own).
    std::optional<ProcessResult> judge(const fs::path& binary, const std::vector<std::string>& args, const std::string& nonce,
                                       const json& replay, const Limits& limits);

private:
    struct Server;
    Server* server_for(const fs::path& binary, const Limits& limits);

    const BatchContext& ctx_;
    fs::path dir_;
    std::mutex mutex_;
    std::map<fs::path, std::unique_ptr<Server>> servers_;
};

}  // namespace grader
