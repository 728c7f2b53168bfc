// Unit tests of the grader's pure parts: hashing, text checks, CSV, escaping, diagnostics,
// the judge's verdict rules on synthetic process outcomes, and the report formats.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cmath>
#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "build.hpp"
#include "collect.hpp"
#include "feedback.hpp"
#include "judge.hpp"
#include "judge_server.hpp"
#include "monitor.hpp"
#include "report.hpp"
#include "run.hpp"
#include "util.hpp"

using namespace grader;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // Incremental updates of odd sizes give the same digest.
    Sha256 h;
    std::string text(1000, 'x');
    for (std::size_t i = 0; i < text.size(); i += 7) h.update(std::string_view(text).substr(i, 7));
    CHECK(h.hex() == sha256_hex(text));
}

TEST_CASE("field() separates fields, so concatenations do not collide") {
    CHECK(Sha256().field("ab").field("c").hex() != Sha256().field("a").field("bc").hex());
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
    CHECK_FALSE(invalid_utf8_offset("커피와 토스트"));
    CHECK(invalid_utf8_offset("ab\xC0\xAF") == std::optional<std::size_t>(2));      // overlong '/'
    CHECK(invalid_utf8_offset("\xED\xA0\x80") == std::optional<std::size_t>(0));    // surrogate
    CHECK(invalid_utf8_offset("a\xBF\xB9") == std::optional<std::size_t>(1));       // CP949 bytes
    CHECK(invalid_utf8_offset("\xF4\x90\x80\x80") == std::optional<std::size_t>(0)); // > U+10FFFF
}

TEST_CASE("student files: binary before encoding, CP949 is not UTF-8, size limit") {
    CHECK(check_file("a.cpp", "a.cpp", "int main() {}\n").problem == FileProblem::none);
    CHECK(check_file("a.cpp", "a.cpp", std::string("\x7f" "ELF\0\0", 6)).problem == FileProblem::not_text);
    CHECK(check_file("a.cpp", "a.cpp", "// \xC4\xBF\xC7\xC7\n").problem == FileProblem::not_utf8);
    CHECK(check_file("a.cpp", "a.cpp", std::string(kMaxStudentFileBytes + 1, 'a')).problem == FileProblem::too_large);
    CHECK(std::string(to_string(FileProblem::too_large)) == "not_text");
}

TEST_CASE("sanitize_text replaces invalid bytes and clips at a character boundary") {
    CHECK(sanitize_text("a\xFFz") == "a\xEF\xBF\xBDz");
    std::string clipped = sanitize_text("가나다라", 7);
    CHECK(clipped.rfind("가나", 0) == 0);
    CHECK_FALSE(invalid_utf8_offset(clipped));
}

TEST_CASE("Catch2 test specs: special characters are escaped") {
    CHECK(catch_spec_escape("a, b [c] \"d\" *e~") == "a\\, b \\[c\\] \\\"d\\\" \\*e\\~");
    CHECK(catch_spec_escape("gather: 커피") == "gather: 커피");
}

TEST_CASE("roster CSV: header columns by name, quotes, BOM") {
    const fs::path p = fs::temp_directory_path() / fmt::format("roster-{}.csv", random_hex(4));
    write_file_atomic(p, "\xEF\xBB\xBFgithub_username,email,name\nalice,a@x,\"Kim, Alice\"\n\nbob,b@x,박보검\n");
    auto roster = load_roster(p);
    fs::remove(p);
    REQUIRE(roster.size() == 2);
    CHECK(roster["alice"] == "Kim, Alice");
    CHECK(roster["bob"] == "박보검");
}

TEST_CASE("shards are disjoint, cover everything and are balanced") {
    std::vector<SubmissionRef> all;
    for (int i = 0; i < 10; ++i) all.push_back({fmt::format("s{:02d}", i), {}, false});
    std::set<std::string> seen;
    for (int i = 1; i <= 3; ++i) {
        auto part = shard(all, i, 3);
        CHECK(part.size() >= 3);
        for (auto& r : part) CHECK(seen.insert(r.id).second);
    }
    CHECK(seen.size() == 10);
    CHECK_THROWS(shard(all, 0, 3));
    CHECK_THROWS(shard(all, 4, 3));
}

TEST_CASE("first_diagnostic: the first error with its context, build paths removed") {
    const std::string out =
        "/tmp/job/src/a.cpp: In function 'int f()':\n"
        "/tmp/job/src/a.cpp:3:12: error: expected ';' before '}' token\n"
        "    3 |     return 1\n"
        "      |            ^\n"
        "/tmp/job/src/a.cpp:5:1: error: second\n";
    std::string d = first_diagnostic(out, "/tmp/job");
    CHECK(d.rfind("a.cpp:3:12: error: expected ';'", 0) == 0);
    CHECK(d.find("return 1") != std::string::npos);
    CHECK(d.find("second") == std::string::npos);
    CHECK(d.find("/tmp/job") == std::string::npos);
    std::string link = first_diagnostic("/usr/bin/ld: obj/a.o: in function `main':\na.cpp:(.text+0x5): undefined reference to `make_toast(double)'\ncollect2: error: ld returned 1 exit status\n", "/tmp/job");
    CHECK(link.find("undefined reference to `make_toast(double)'") != std::string::npos);
}

namespace {
TestRun finished_run(bool passed, int exit_code) {
    TestRun run;
    run.process.launched = true;
    run.process.exited = true;
    run.process.exit_code = exit_code;
    run.records.run_seen = run.records.start_seen = run.records.done_seen = true;
    run.records.end = json{{"event", "end"}, {"passed", passed}, {"failures", json::array()}};
    if (passed) run.replay = ReplayVerdict{true, "", std::nullopt};  // the replay judge agreed
    return run;
}
const TestSpec kSpec{"t", 3, false};
const Limits kLimits{};
}  // namespace

TEST_CASE("judge: a reported pass counts only when the replay judge confirms it, on an untampered channel") {
    TestRun unconfirmed = finished_run(true, 0);
    unconfirmed.replay.reset();
    TestResult r = judge_test(kSpec, kLimits, unconfirmed);
    CHECK(r.verdict == Verdict::no_result);
    CHECK(r.score == 0);
    CHECK(r.flags == std::vector<std::string>{"tampering"});

    TestRun rejected = finished_run(true, 0);
    rejected.replay = ReplayVerdict{false, "the assertions fail on the recorded runs",
                                    json{{"failures", json::array({{{"kind", "explicit"}, {"check", {{"title", "총 3초여야 합니다"}}}}})}}};
    r = judge_test(kSpec, kLimits, rejected);
    CHECK(r.verdict == Verdict::no_result);
    CHECK(r.message.find("결과 조작 의심") != std::string::npos);
    Shown shown;
    CHECK(test_feedback(r, Detail::brief, shown).find("✗ 총 3초여야 합니다") != std::string::npos);  // what the judge saw
    CHECK(r.log.find("the assertions fail") != std::string::npos);

    TestRun forged = finished_run(true, 0);
    forged.records.tampering = "a second result for one test: t";
    r = judge_test(kSpec, kLimits, forged);
    CHECK(r.verdict == Verdict::no_result);
    CHECK(r.flags == std::vector<std::string>{"tampering"});

    TestRun stopped = finished_run(false, 87);  // the runtime caught a clock/trace mutator
    stopped.records.end.reset();
    r = judge_test(kSpec, kLimits, stopped);
    CHECK(r.verdict == Verdict::no_result);
    CHECK(r.flags == std::vector<std::string>{"tampering"});
}

TEST_CASE("judge: a pass counts only with the runner's record AND a clean exit") {
    TestResult ok = judge_test(kSpec, kLimits, finished_run(true, 0));
    CHECK(ok.verdict == Verdict::passed);
    CHECK(ok.score == 3);

    TestResult bad_exit = judge_test(kSpec, kLimits, finished_run(true, 1));
    CHECK(bad_exit.verdict == Verdict::no_result);
    CHECK(bad_exit.score == 0);

    TestRun silent = finished_run(true, 0);
    silent.records.end.reset();  // exit(0) before the runner reported: nothing to score
    silent.stdout_text = "All tests passed (5 assertions in 5 test cases)\n";
    silent.records.foreign_lines = 3;
    TestResult early = judge_test(kSpec, kLimits, silent);
    CHECK(early.verdict == Verdict::no_result);
    CHECK(early.score == 0);
}

TEST_CASE("judge: process-level verdicts") {
    TestRun t = finished_run(false, 0);
    t.process.timed_out = true;
    CHECK(judge_test(kSpec, kLimits, t).verdict == Verdict::timeout);

    TestRun stuck = finished_run(false, 0);
    stuck.process.exited = false;
    stuck.process.signal = SIGKILL;
    stuck.process.stalled = true;
    TestResult stalled = judge_test(kSpec, kLimits, stuck);
    CHECK(stalled.verdict == Verdict::stalled);
    CHECK(stalled.message.find("멈춰") != std::string::npos);
    CHECK(stalled.score == 0);

    TestRun watched = stuck;
    watched.process.stalled = false;
    watched.process.cpu_exceeded = true;  // the watcher's kill below RLIMIT_CPU's whole second
    CHECK(judge_test(kSpec, kLimits, watched).verdict == Verdict::cpu_limit);

    TestRun cpu = finished_run(false, 0);
    cpu.process.exited = false;
    cpu.process.signal = SIGXCPU;
    CHECK(judge_test(kSpec, kLimits, cpu).verdict == Verdict::cpu_limit);

    TestRun fsz = cpu;
    fsz.process.signal = SIGXFSZ;
    CHECK(judge_test(kSpec, kLimits, fsz).verdict == Verdict::output_limit);

    TestRun seg = cpu;
    seg.process.signal = SIGSEGV;
    seg.records.end.reset();
    TestResult crash = judge_test(kSpec, kLimits, seg);
    CHECK(crash.verdict == Verdict::crash);
    CHECK(crash.message.find("SIGSEGV") != std::string::npos);

    TestRun oom = seg;
    oom.process.signal = SIGABRT;
    oom.stderr_text = "terminate called after throwing an instance of 'std::bad_alloc'\n";
    CHECK(judge_test(kSpec, kLimits, oom).verdict == Verdict::memory_limit);

    TestRun vt = finished_run(false, 86);
    vt.records.end.reset();
    CHECK(judge_test(kSpec, kLimits, vt).verdict == Verdict::virtual_time_limit);
}

TEST_CASE("judge: guard errors seen by the runner classify failures") {
    TestRun d = finished_run(false, 1);
    (*d.records.end)["guards"] = json::array({{{"kind", "deadlock"},
                                              {"what", "교착 상태(deadlock): 3.000초에 모든 작업이 기다립니다.\n  작업 'a': 기다리는 중 → 작업 'b'\n"}}});
    TestResult r = judge_test(kSpec, kLimits, d);
    CHECK(r.verdict == Verdict::deadlock);
    CHECK(r.message.find("\n  작업 'a': 기다리는 중 → 작업 'b'\n") != std::string::npos);

    TestRun plain = finished_run(false, 1);
    (*plain.records.end)["failures"] = json::array(
        {{{"kind", "explicit"}, {"message", "✗ 총 3초여야 합니다"},
          {"check", {{"title", "총 3초여야 합니다"}, {"expected", {"3.000초에 실행이 끝남"}}, {"actual", {"5.000초에 끝났습니다"}}}}}});
    TestResult f = judge_test(kSpec, kLimits, plain);
    CHECK(f.verdict == Verdict::failed);
    CHECK(f.message.empty());  // the check says it all
    Shown shown;
    CHECK(test_feedback(f, Detail::brief, shown) == "✗ 총 3초여야 합니다\n  기대: 3.000초에 실행이 끝남\n  실제: 5.000초에 끝났습니다\n");

    // The stuck tasks appear once: in the check's deadlock hint when it has one, else in the intro.
    TestRun hinted = finished_run(false, 1);
    (*hinted.records.end)["guards"] = (*d.records.end)["guards"];
    (*hinted.records.end)["failures"] = json::parse(R"([{"kind": "explicit", "check": {"title": "총 3초여야 합니다",
        "hints": [{"id": "deadlock", "args": ["3.000", "    Task 'a' (#2) waiting for Task 'b' (#3)\n"]}]}}])");
    const TestResult h = judge_test(kSpec, kLimits, hinted);
    CHECK(h.verdict == Verdict::deadlock);
    Shown fresh;
    const std::string text = test_feedback(h, Detail::brief, fresh);
    INFO(text);
    CHECK(text.find("Task 'a' (#2) waiting for Task 'b' (#3)") != std::string::npos);
    CHECK(text.find("Task 'a'") == text.rfind("Task 'a'"));

    // An unfinished stub (aio::todo() ran) that then deadlocks: the todo is what to say.
    TestRun todo = finished_run(false, 1);
    (*todo.records.end)["guards"] = (*d.records.end)["guards"];
    (*todo.records.end)["failures"] = json::parse(R"([{"kind": "explicit", "check": {"title": "총 3초여야 합니다",
        "hints": [{"id": "not_implemented", "args": ["consumer"]}, {"id": "deadlock", "args": ["3.000", ""]}]}}])");
    CHECK(judge_test(kSpec, kLimits, todo).verdict == Verdict::failed);

    // A failure whose message quotes output that names a guard error (the student printed it):
    // nothing was thrown, so it is an ordinary failure, not a deadlock.
    TestRun spoof = finished_run(false, 1);
    (*spoof.records.end)["failures"] =
        json::array({{{"kind", "explicit"}, {"message", "실제: \"DeadlockError: deadlock at 1.000 s\" std::bad_alloc"}}});
    CHECK(judge_test(kSpec, kLimits, spoof).verdict == Verdict::failed);
}

TEST_CASE("reports: Gradescope and GitHub Classroom shapes") {
    StudentRecord s;
    s.id = "kim";
    s.name = "김";
    ExerciseResult e;
    e.id = "02-x";
    e.title = "제목";
    TestResult pass{"p", false, 2, 2, Verdict::passed, "", "", json(), json::array(), {}};
    TestResult hidden{"h", true, 1, 0, Verdict::timeout, "시간 초과", "", json(), json::array(), {}};
    e.tests = {pass, hidden};
    summarize(e);
    s.exercises = {e};
    finalize(s);
    CHECK(s.score == 2);
    CHECK(s.max_score == 3);
    CHECK(s.verdict == Verdict::timeout);

    json gs = gradescope_results(s, ReportOptions{"after_due_date"});
    CHECK(gs["score"] == 2);
    REQUIRE(gs["tests"].size() == 3);
    CHECK(gs["tests"][0]["status"] == "passed");
    CHECK(gs["tests"][0]["visibility"] == "visible");
    CHECK(gs["tests"][0]["number"] == "1.1");
    CHECK(gs["tests"][1]["visibility"] == "after_due_date");
    CHECK(gs["tests"][1]["max_score"] == 1);
    CHECK(gs["output_format"] == "text");
    CHECK(gs["test_output_format"] == "text");
    // Before publication nothing visible reveals the hidden test: the top level (total score,
    // output) is hidden with it, the visible output counts public tests only, and the full
    // summary is a 0-point test that appears with the hidden tests.
    CHECK(gs["visibility"] == "after_due_date");
    const std::string visible_output = gs["output"];
    CHECK(visible_output.find("공개 테스트 2/2점") != std::string::npos);
    CHECK(visible_output.find("2/3") == std::string::npos);
    CHECK(gs["tests"][2]["visibility"] == "after_due_date");
    CHECK(gs["tests"][2]["max_score"] == 0);
    CHECK(gs["tests"][2]["output"].get<std::string>().find("총점 2/3점") != std::string::npos);
    json open = gradescope_results(s, ReportOptions{"visible"});
    CHECK(open["tests"].size() == 2);
    CHECK(open["visibility"] == "visible");
    CHECK(open["output"].get<std::string>().find("총점 2/3점") != std::string::npos);

    // The student handout omits the hidden test, its points and the instructor's flags.
    const std::string handout = html_student(s, StudentPage::handout);
    CHECK(handout.find("공개 테스트<b>2 / 2</b>") != std::string::npos);
    CHECK(handout.find("<b>h</b>") == std::string::npos);
    CHECK(handout.find("시간 초과") == std::string::npos);
    CHECK(html_student(s).find("<b>h</b>") != std::string::npos);

    json cl = classroom_results(s);
    CHECK(cl["version"] == 1);
    CHECK(cl["status"] == "fail");
    CHECK(cl["max_score"] == 3);
    CHECK(cl["tests"][0]["status"] == "pass");
    CHECK(cl["tests"][1]["status"] == "fail");
    CHECK(cl["tests"][1]["message"].get<std::string>().find("시간 초과") != std::string::npos);

    CHECK(gradebook_csv({s}) == "student,name,02-x,total,max,verdict,flags\nkim,김,2,2,3,timeout,\n");
    s.exercises[0].flags = {"asm", "fd3/4"};
    CHECK(gradebook_csv({s}) == "student,name,02-x,total,max,verdict,flags\nkim,김,2,2,3,timeout,02-x:asm;02-x:fd3/4\n");
}

TEST_CASE("timeline SVG: one bar per task span, unfinished spans marked") {
    json trace = {{"spans", json::array({{{"id", 1}, {"name", "main"}, {"created", 0.0}, {"started", 0.0}, {"finished", 3.0}, {"status", "ok"}},
                                         {{"id", 2}, {"name", "stuck<&>"}, {"created", 0.0}, {"started", 0.0}, {"finished", -1.0}, {"status", "pending"}}})},
                  {"lines", json::array({{{"t", 3.0}, {"text", "끝"}, {"task", 1}}})},
                  {"blocking_sleeps", json::array()}};
    std::string svg = svg_timeline(trace, "t");
    CHECK(svg.find("<svg class=\"timeline\"") == 0);
    std::size_t bars = 0;
    for (std::size_t p = 0; (p = svg.find("class=\"span\"", p)) != std::string::npos; ++p) ++bars;
    CHECK(bars == 2);
    CHECK(svg.find("stuck&lt;&amp;&gt;") != std::string::npos);
    CHECK(svg.find("끝나지 않음") != std::string::npos);
    CHECK(svg_timeline(json{{"spans", json::array()}}, "t").empty());
}

TEST_CASE("timeline SVG: activities as rows of their own, printed lines labelled") {
    // A sequential breakfast: one task, coffee then toast, known only from the printed lines.
    json trace = {{"spans", json::array({{{"id", 1}, {"name", "prepare_breakfast"}, {"created", 0.0}, {"started", 0.0}, {"finished", 5.0}, {"status", "ok"}}})},
                  {"lines", json::array({{{"t", 0.0}, {"text", "커피를 끓이기 시작합니다..."}, {"task", 1}},
                                         {{"t", 3.0}, {"text", "커피가 완성되었습니다!"}, {"task", 1}},
                                         {{"t", 3.0}, {"text", "토스트를 굽기 시작합니다..."}, {"task", 1}},
                                         {{"t", 5.0}, {"text", "토스트가 완성되었습니다!"}, {"task", 1}}})},
                  {"activities", json::array({{{"label", "커피 끓이기"}, {"start", 0.0}, {"end", 3.0}},
                                              {{"label", "토스트 굽기"}, {"start", 3.0}, {"end", 5.0}},
                                              {{"label", "설거지"}, {"start", 4.0}, {"end", nullptr}}})},
                  {"blocking_sleeps", json::array()}};
    const std::string svg = svg_timeline(trace, "t");
    const auto coffee = svg.find("class=\"activity\" x=\"190.0\"");
    CHECK(coffee != std::string::npos);
    CHECK(svg.find("data-label=\"커피 끓이기\" data-start=\"0.000\" data-end=\"3.000\"") != std::string::npos);
    CHECK(svg.find("data-label=\"토스트 굽기\" data-start=\"3.000\" data-end=\"5.000\"") != std::string::npos);
    CHECK(svg.find("data-label=\"설거지\" data-start=\"4.000\">") != std::string::npos);  // never ended: no end
    CHECK(svg.find("class=\"span\"") > coffee);  // activities first, then the task
    // Two lines printed at 3 s are one dot with both on hover, labelled with the first.
    std::size_t dots = 0;
    for (std::size_t p = 0; (p = svg.find("<circle class=\"line\"", p)) != std::string::npos; ++p) ++dots;
    CHECK(dots == 3);
    CHECK(svg.find("3.000s &quot;커피가 완성되었습니다!&quot;\n3.000s &quot;토스트를 굽기 시작합니다...&quot;") != std::string::npos);
    CHECK(svg.find("class=\"line-label\"") != std::string::npos);
    CHECK(svg.find("외 1줄") != std::string::npos);
    CHECK(svg.find("활동 (출력한 줄 사이)") != std::string::npos);  // in the legend
    CHECK(svg.find("class=\"blocking-input\"") == std::string::npos);  // none in this run

    // A blocking read of stdin is marked on its task's row, at its time.
    trace["blocking_inputs"] = json::array({{{"t", 2.0}, {"call", "getc"}, {"task", 1}}});
    const std::string with_input = svg_timeline(trace, "t");
    CHECK(with_input.find("class=\"blocking-input\"") != std::string::npos);
    CHECK(with_input.find("<title>블로킹 입력 (getc) 2.000s</title>") != std::string::npos);
}

TEST_CASE("file_safe keeps simple ids and disambiguates others") {
    CHECK(file_safe("s01-perfect") == "s01-perfect");
    CHECK(file_safe("김철수") != file_safe("박철수"));
    CHECK(file_safe("../x").find('/') == std::string::npos);
}

TEST_CASE("stall detector: idle only after a full stretch without CPU or runnable tasks") {
    StallDetector d(1.0);
    TreeSample s;
    s.found = true;
    s.complete = true;
    s.cpu_seconds = 0.2;
    CHECK_FALSE(d.update(s, 0.1));  // first sight: CPU "changed"
    CHECK_FALSE(d.update(s, 0.2));  // idle from here
    CHECK_FALSE(d.update(s, 1.1));
    CHECK(d.update(s, 1.25));
    s.cpu_seconds = 0.3;            // any CPU used restarts the stretch
    CHECK_FALSE(d.update(s, 1.3));
    CHECK_FALSE(d.update(s, 2.0));
    s.runnable = true;              // waiting for a CPU is not idle, even without CPU time
    CHECK_FALSE(d.update(s, 3.0));
    s.runnable = false;
    CHECK_FALSE(d.update(s, 3.1));
    CHECK(d.update(s, 4.2));
    StallDetector off(0);
    CHECK_FALSE(off.update(s, 100));
    StallDetector blind(1.0);  // children not listed: the tree is not fully seen, never stalled
    s.complete = false;
    CHECK_FALSE(blind.update(s, 0));
    CHECK_FALSE(blind.update(s, 5));
}

namespace {
ProcessResult run_watched(const std::string& script, double cpu_seconds, double idle_seconds) {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", script};
    spec.cwd = fs::temp_directory_path();
    spec.limits.wall_seconds = 20;
    spec.limits.cpu_seconds = cpu_seconds;
    spec.limits.watch = true;
    spec.limits.idle_seconds = idle_seconds;
    return run_process(spec, SandboxInfo{});  // no sandbox: only the watcher is under test
}
}  // namespace

TEST_CASE("watcher: a process tree that sleeps forever is stalled long before the wall limit") {
    // The shell waits for its child: two sleeping tasks, no CPU.
    ProcessResult r = run_watched("sleep 60; true", 20, 0.5);
    CHECK(r.stalled);
    CHECK_FALSE(r.timed_out);
    CHECK(r.wall_seconds < 5);
}

TEST_CASE("watcher: CPU time of the whole tree, to a fraction of a second") {
    // The busy loop runs in a child process, which RLIMIT_CPU of the shell would not see.
    ProcessResult r = run_watched("(while :; do :; done) & wait", 0.3, 0);
    CHECK(r.cpu_exceeded);
    CHECK_FALSE(r.stalled);
    CHECK(r.cpu_seconds >= 0.3);
    CHECK(r.wall_seconds < 5);
}

TEST_CASE("watcher: a process that finishes is left alone") {
    ProcessResult r = run_watched("exit 3", 1, 0.5);
    CHECK(r.exited);
    CHECK(r.exit_code == 3);
    CHECK_FALSE(r.stalled);
    CHECK_FALSE(r.cpu_exceeded);
}

namespace {
// A stand-in for a kit test binary: speaks the runner's protocol (nonce on fd 4, records on fd 3;
// with AIO_GRADER_FORK_EACH each test in a fork, reported by the parent as grader_main.cpp does)
// and logs each process's test spec (and in starts.log, when it started: CLOCK_MONOTONIC), so the
// sharing policy can be checked without a compiler.
//   a, b, ...  pass      fail*  report a failure      crash*  SIGSEGV      hang*  sleep forever
//   exit7*     pass, but the process exits with status 7 in the end (an atexit handler, say)
//   errfail*   write a line to stderr, then report a failure
//   dup*       report a pass twice    gap*  skip a record number
fs::path fake_binary(const fs::path& dir) {
    fs::create_directories(dir);
    const fs::path script = dir / "fake-test-binary";
    std::ofstream(script) << fmt::format(R"(#!/usr/bin/python3
import json, os, signal, sys, time
nonce = os.read(4, 64).decode()
open('{0}/processes.log', 'a').write(sys.argv[1] + '\n')
open('{0}/starts.log', 'a').write(f'{{sys.argv[1]}} {{time.monotonic()}}\n')
tests = sys.argv[1].split(',')

class Channel:
    def __init__(self, fd):
        self.fd, self.seq = fd, 0
    def rec(self, **r):
        os.write(self.fd, (json.dumps(dict(r, nonce=nonce, seq=self.seq)) + '\n').encode())
        self.seq += 1

def run(ch, names):
    """The tests `names` as one Catch2 session: the exit status."""
    ch.rec(event='run')
    failed, code = 0, 0
    for t in names:
        ch.rec(event='start', test=t)
        if t.startswith('crash'):
            os.kill(os.getpid(), signal.SIGSEGV)
        if t.startswith('hang'):
            time.sleep(100)
        if t.startswith('exit7'):
            code = 7
        if t.startswith('errfail'):
            os.write(2, b'stderr of ' + t.encode() + b'\n')
        if t.startswith('fail') or t.startswith('errfail'):
            ch.rec(event='end', test=t, passed=False)
            failed += 1
            continue
        if t.startswith('dup'):
            ch.rec(event='end', test=t, passed=True)
        if t.startswith('gap'):
            ch.seq += 1
        ch.rec(event='end', test=t, passed=True)
    ch.rec(event='done', passed=0, failed=failed)
    return failed if failed else code

if not os.environ.get('AIO_GRADER_FORK_EACH'):
    sys.stdout.flush()
    os._exit(run(Channel(3), tests))
parent = Channel(3)
for t in tests:
    r, w = os.pipe()
    out0, err0 = os.lseek(1, 0, os.SEEK_CUR), os.lseek(2, 0, os.SEEK_CUR)
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os._exit(run(Channel(w), [t]))
    os.close(w)
    results = b''
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        results += chunk
    os.close(r)
    _, status = os.waitpid(pid, 0)
    parent.rec(event='child', spec=t, cpu=0.0, exited=os.WIFEXITED(status),
               exit=os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1,
               signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0, results=results.decode(),
               overflow=False, stdout=[out0, os.lseek(1, 0, os.SEEK_CUR)], stderr=[err0, os.lseek(2, 0, os.SEEK_CUR)])
parent.rec(event='done')
)", dir.string());
    fs::permissions(script, fs::perms::owner_all);
    return script;
}

struct PolicyRun {
    std::vector<std::string> verdicts;
    std::vector<std::string> processes;  // the test spec of each process, in order
};

PolicyRun run_policy(const std::vector<std::string>& names, bool share) {
    const fs::path dir = fs::temp_directory_path() / fmt::format("grader-policy-{}-{}", ::getpid(), share);
    fs::remove_all(dir);
    const fs::path binary = fake_binary(dir);
    BatchContext ctx;  // no sandbox: the policy is under test, not the isolation
    Limits limits;
    limits.wall_seconds = 20;
    limits.idle_seconds = 0.3;
    PolicyRun out;
    for (TestRun run : run_test_cases(ctx, binary, names, limits, dir / "job", share)) {
        if (run.records.end) run.replay = ReplayVerdict{true, "", std::nullopt};  // the policy is under test
        out.verdicts.push_back(verdict_name(judge_test(TestSpec{"t", 1, false}, limits, run).verdict));
    }
    std::ifstream log(dir / "processes.log");
    for (std::string line; std::getline(log, line);) out.processes.push_back(line);
    // The lone runs after a fork-mode process start at once, in no set order: sorted.
    if (!out.processes.empty()) std::sort(out.processes.begin() + 1, out.processes.end());
    fs::remove_all(dir);
    return out;
}
}  // namespace

TEST_CASE("shared test processes give the verdicts of lone runs, in fewer processes") {
    const std::vector<std::string> names{"a", "crash1", "b", "fail1", "c", "hang1", "d"};
    const std::vector<std::string> expected{"passed", "crash", "passed", "failed", "passed", "stalled", "passed"};
    PolicyRun lone = run_policy(names, false);
    CHECK(lone.verdicts == expected);
    CHECK(lone.processes.size() == names.size());

    PolicyRun shared = run_policy(names, true);
    CHECK(shared.verdicts == expected);
    // All seven, each in a fork: crash1's crash and fail1's failure are their own; the stall
    // ended the whole process in hang1 after other forks, so hang1 runs again alone (its stall
    // there is as alone), and so does d, the test after it, at the same time.
    CHECK(shared.processes == std::vector<std::string>{"a,crash1,b,fail1,c,hang1,d", "d", "hang1"});
}

TEST_CASE("shared test processes: each fork's failure and exit status are its own") {
    PolicyRun shared = run_policy({"a", "fail1", "b"}, true);
    CHECK(shared.verdicts == std::vector<std::string>{"passed", "failed", "passed"});
    CHECK(shared.processes == std::vector<std::string>{"a,fail1,b"});
    // A pass whose run then exits with a status Catch2 would not give: its own no_result only.
    PolicyRun exit7 = run_policy({"exit7x", "a"}, true);
    CHECK(exit7.verdicts == std::vector<std::string>{"no_result", "passed"});
    CHECK(exit7.processes == std::vector<std::string>{"exit7x,a"});
}

TEST_CASE("shared test processes: a fork's stderr is its own") {
    // errfail1's line on stderr is not in a's output (the judge reads stderr for std::bad_alloc).
    const fs::path dir = fs::temp_directory_path() / fmt::format("grader-policy-stderr-{}", ::getpid());
    fs::remove_all(dir);
    const fs::path binary = fake_binary(dir);
    BatchContext ctx;
    Limits limits;
    limits.wall_seconds = 20;
    const std::vector<TestRun> runs = run_test_cases(ctx, binary, {"errfail1", "a", "errfail2"}, limits, dir / "job", true);
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].stderr_text == "stderr of errfail1\n");
    CHECK(runs[1].stderr_text.empty());
    CHECK(runs[1].stderr_bytes == 0);
    CHECK(runs[2].stderr_text == "stderr of errfail2\n");
    std::ifstream log(dir / "processes.log");
    std::string first, more;
    std::getline(log, first);
    CHECK(first == "errfail1,a,errfail2");
    CHECK_FALSE(std::getline(log, more));
    fs::remove_all(dir);
}

TEST_CASE("results channel: a repeated record or a gap in the sequence is tampering") {
    // A second "end" for one test (a forged pass written before the real one, say), or a record
    // the runner never numbered: the process vouches for nothing, its passes score 0.
    PolicyRun dup = run_policy({"dup1"}, false);
    CHECK(dup.verdicts == std::vector<std::string>{"no_result"});
    PolicyRun gap = run_policy({"a", "gap1"}, false);
    CHECK(gap.verdicts == std::vector<std::string>{"passed", "no_result"});
}

TEST_CASE("shared test processes: a death that ends the process is as alone where it comes first") {
    PolicyRun shared = run_policy({"crash1", "hang1", "a", "b"}, true);
    CHECK(shared.verdicts == std::vector<std::string>{"crash", "stalled", "passed", "passed"});
    // crash1 ended the process in its first fork: that is its lone run. The tests after it run
    // alone, at once (after a limit the rest often end the same way).
    CHECK(shared.processes == std::vector<std::string>{"crash1,hang1,a,b", "a", "b", "hang1"});
}

TEST_CASE("shared test processes: the lone runs after a limit run at once, each holding a test slot") {
    // hang1 stalls its process's first fork; hang2 and hang3, after it, stall alone. A stall
    // ends a second after the process started, so two lone runs overlap only if they ran at once.
    const auto start_times = [](int slots) {
        const fs::path dir = fs::temp_directory_path() / fmt::format("grader-policy-slots-{}-{}", ::getpid(), slots);
        fs::remove_all(dir);
        const fs::path binary = fake_binary(dir);
        std::counting_semaphore<1024> test_slots(slots);
        BatchContext ctx;
        ctx.test_slots = &test_slots;
        Limits limits;
        limits.wall_seconds = 20;
        limits.idle_seconds = 1.0;
        const std::vector<TestRun> runs = run_test_cases(ctx, binary, {"hang1", "hang2", "hang3"}, limits, dir / "job", true);
        for (const TestRun& run : runs) CHECK(run.process.stalled);
        std::map<std::string, double> started;
        std::ifstream log(dir / "starts.log");
        std::string spec;
        double t = 0;
        while (log >> spec >> t) started[spec] = t;
        fs::remove_all(dir);
        return started;
    };
    const auto two = start_times(2);
    REQUIRE(two.size() == 3);
    CHECK(two.at("hang2") >= two.at("hang1,hang2,hang3") + 1.0);  // after the first process ended
    CHECK(std::abs(two.at("hang2") - two.at("hang3")) < 1.0);
    const auto one = start_times(1);
    REQUIRE(one.size() == 3);
    CHECK(std::abs(one.at("hang2") - one.at("hang3")) >= 1.0);
}

namespace {
// A judge for confirm_passes: as a judge server (AIO_GRADER_JUDGE_SERVER) it answers requests on
// stdin/fd 3 when `serves`, else it exits at once (a server that cannot start); run as a process
// of its own it replays from AIO_GRADER_REPLAY. Either way, tests named refute* fail on replay.
// Every start and request is logged to `log`.
fs::path fake_judge(const fs::path& dir, bool serves) {
    fs::create_directories(dir);
    const fs::path script = dir / "fake-judge";
    std::ofstream(script) << fmt::format(R"(#!/usr/bin/python3
import json, os, sys
log = open('{}', 'a')
def records(nonce, spec, replay):
    obs = {{r['test']: r['obs'] for r in replay}}
    recs = [{{'event': 'run'}}]
    for t in spec.split(','):
        recs += [{{'event': 'start', 'test': t}},
                 {{'event': 'end', 'test': t, 'passed': not t.startswith('refute'), 'replay': {{'used': len(obs.get(t, []))}}}}]
    recs.append({{'event': 'done'}})
    return ''.join(json.dumps(dict(r, nonce=nonce, seq=i)) + '\n' for i, r in enumerate(recs))
if os.environ.get('AIO_GRADER_JUDGE_SERVER'):
    log.write('server\n'); log.flush()
    if not {}: sys.exit(0)
    out = os.fdopen(3, 'w')
    for line in sys.stdin:
        req = json.loads(line)
        log.write('request ' + req['args'][0] + '\n'); log.flush()
        out.write(json.dumps({{'exited': True, 'exit': 0, 'results': records(req['nonce'], req['args'][0], req['replay'])}}) + '\n')
        out.flush()
else:
    log.write('process ' + sys.argv[1] + '\n'); log.flush()
    nonce = os.read(4, 64).decode()
    replay = [json.loads(l) for l in open(os.environ['AIO_GRADER_REPLAY'])]
    os.write(3, records(nonce, sys.argv[1], replay).encode())
)", (dir / "judge.log").string(), serves ? "True" : "False");
    fs::permissions(script, fs::perms::owner_all);
    return script;
}

struct JudgedBatch {
    std::vector<std::vector<bool>> confirmed;  // per submission, per test
    std::vector<std::string> log;
};

// Two submissions whose every test reported a pass with one recorded run, judged in one batch.
JudgedBatch judge_two_submissions(bool serves) {
    const fs::path dir = fs::temp_directory_path() / fmt::format("grader-judges-{}-{}", ::getpid(), serves);
    fs::remove_all(dir);
    const fs::path judge = fake_judge(dir, serves);
    const std::vector<std::string> names{"a", "refute1", "b"};
    BatchContext ctx;  // no sandbox: which process judges is under test, not the isolation
    Limits limits;
    limits.wall_seconds = 20;
    std::signal(SIGPIPE, SIG_IGN);  // as the grader's main: a server gone is an error, not a signal
    JudgedBatch out;
    {
        JudgeServers servers(ctx, dir);
        ctx.judges = &servers;
        for (int sub = 0; sub < 2; ++sub) {
            std::vector<TestRun> runs(names.size());
            for (TestRun& r : runs) {
                r.records.end = json{{"passed", true}};
                r.records.observations = {"00"};
            }
            confirm_passes(ctx, judge, names, runs, limits, dir / fmt::format("job-{}", sub));
            std::vector<bool> c;
            for (const TestRun& r : runs) c.push_back(r.replay && r.replay->confirmed);
            out.confirmed.push_back(c);
        }
    }
    std::ifstream log(dir / "judge.log");
    for (std::string line; std::getline(log, line);) out.log.push_back(line);
    fs::remove_all(dir);
    return out;
}
}  // namespace

TEST_CASE("judge servers: one process judges every submission of an exercise") {
    const JudgedBatch b = judge_two_submissions(true);
    const std::vector<bool> expected{true, false, true};
    CHECK(b.confirmed == std::vector<std::vector<bool>>{expected, expected});
    CHECK(b.log == std::vector<std::string>{"server", "request a,refute1,b", "request a,refute1,b"});
}

TEST_CASE("judge servers: a server that does not start leaves the judging to processes of their own") {
    const JudgedBatch b = judge_two_submissions(false);
    const std::vector<bool> expected{true, false, true};
    CHECK(b.confirmed == std::vector<std::vector<bool>>{expected, expected});
    // Asked once; after that every judge is a process of its own, with the same verdicts.
    CHECK(b.log == std::vector<std::string>{"server", "process a,refute1,b", "process a,refute1,b"});
}

namespace {
// The sandbox as grading uses it (bwrap when it works here, seccomp, and as root the drop to
// nobody), probed once.
const SandboxInfo& real_sandbox() {
    static const SandboxInfo s = detect_sandbox(SandboxConfig{});
    return s;
}

// The probe, copied where the sandbox user may read it (the build tree may not be).
struct Probe {
    fs::path dir, binary, scratch;
    Probe() {
        dir = fs::temp_directory_path() / fmt::format("grader-probe-{}-{}", ::getpid(), random_hex(4));
        fs::create_directories(dir);
        fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
        binary = dir / "test-binary";
        fs::copy_file(GRADER_SANDBOX_PROBE, binary);
        fs::permissions(binary, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
        scratch = dir / "test-000";
        fs::create_directories(scratch);
        std::ofstream(dir / "secret.txt") << "next to the test binary, not for it\n";
        hand_over(scratch, real_sandbox());
    }
    ~Probe() { fs::remove_all(dir); }
    ProcessResult run(const std::vector<std::string>& args, const SandboxInfo& sandbox, double cpu_seconds = 5) const {
        ProcessSpec spec;
        spec.argv = {binary.string()};
        spec.argv.insert(spec.argv.end(), args.begin(), args.end());
        spec.cwd = scratch;
        spec.env = clean_env(scratch);
        spec.limits.wall_seconds = 20;
        spec.limits.cpu_seconds = cpu_seconds;
        spec.limits.watch = true;
        spec.limits.memory_bytes = 256L << 20;
        spec.limits.file_bytes = 64L << 20;
        spec.limits.filter = FilterKind::test;
        spec.view.read_only = {binary};
        spec.view.scratch = {scratch};
        spec.view.hide = {dir};
        return run_process(spec, sandbox);
    }
};

// Runs a probe mode in the real sandbox and checks it was stopped (exit 0, its line printed).
void expect_stopped(const Probe& probe, const std::vector<std::string>& args, const SandboxInfo& sandbox) {
    ProcessResult r = probe.run(args, sandbox);
    INFO(r.stdout_text << r.stderr_text);
    CHECK(r.exited);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.stdout_text, ": stopped") != contains(r.stdout_text, ": works"));
}
}  // namespace

TEST_CASE("seccomp: the filters are built and deny what docs/security.md lists") {
    for (bool confine : {false, true}) {
        CHECK_FALSE(seccomp_program(FilterKind::test, confine).empty());
        CHECK_FALSE(seccomp_program(FilterKind::compile, confine).empty());
    }
    auto names = seccomp_denied_names(FilterKind::test, true);
    for (const char* n : {"ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "perf_event_open", "bpf",
                          "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "keyctl", "add_key",
                          "request_key", "memfd_create", "personality", "mount", "umount2", "pivot_root", "unshare",
                          "setns", "clone", "clone3", "init_module", "finit_module", "kexec_load", "reboot", "swapon",
                          "swapoff", "acct", "quotactl", "pidfd_getfd", "open_by_handle_at"})
        CHECK(std::find(names.begin(), names.end(), n) != names.end());
    auto compile = seccomp_denied_names(FilterKind::compile, true);
    CHECK(std::find(compile.begin(), compile.end(), "memfd_create") == compile.end());  // tests only
    // A process that does not say which rules it needs gets the strictest (tests' own).
    CHECK(ProcessLimits{}.filter == FilterKind::test);
    auto outer = seccomp_denied_names(FilterKind::test, false);
    CHECK(std::find(outer.begin(), outer.end(), "mount") == outer.end());  // bwrap needs it
}

TEST_CASE("sandbox: seccomp stops ptrace, process_vm, memfd, SysV shm, io_uring, bpf and namespaces") {
    Probe probe;
    // With bwrap (outer filter around bwrap, inner one from bwrap --seccomp) and without it
    // (one filter with every rule).
    std::vector<SandboxInfo> modes;
    if (real_sandbox().seccomp) {
        modes.push_back(real_sandbox());
        SandboxInfo plain = real_sandbox();
        plain.bwrap = false;
        plain.seccomp_outer = false;
        modes.push_back(plain);
    } else {
        WARN("seccomp is not available here: nothing to check");
    }
    for (const auto& sandbox : modes) {
        INFO("bwrap: " << sandbox.bwrap);
        for (const char* mode : {"ptrace", "process_vm", "memfd", "shm", "io_uring", "bpf", "namespaces", "honest"})
            expect_stopped(probe, {mode}, sandbox);
        // Another ABI: the process is killed, not let through.
        ProcessResult r = probe.run({"int80"}, sandbox);
        INFO(r.stdout_text << r.stderr_text);
        CHECK_FALSE(r.exited);
        CHECK(r.signal == SIGSYS);
    }
}

TEST_CASE("sandbox: an allowlist - the kit, the repository and other host paths are not visible") {
    if (!real_sandbox().bwrap) {
        WARN("bubblewrap does not work here: " << real_sandbox().description);
        return;
    }
    Probe probe;
    const std::string kit = GRADER_DEFAULT_KIT;
    expect_stopped(probe,
                   {"read", kit, kit + "/exercises/03-async-function/hidden/hidden_test.cpp",
                    kit + "/solutions/03-async-function/async_function.cpp", kit + "/README.md", GRADER_SANDBOX_PROBE,
                    "/work", "/root", "/home", "/var", "/opt", "/srv", "/mnt", "/autograder", "/etc/passwd",
                    "/etc/shadow", "/etc/hostname", "/run", "/sys/kernel", "/boot", (probe.dir / "secret.txt").string()},
                   real_sandbox());
    expect_stopped(probe, {"write_root"}, real_sandbox());
    expect_stopped(probe, {"honest"}, real_sandbox());
}

TEST_CASE("sandbox: /tmp, /dev/shm and the scratch directory are small tmpfs; 64 open files") {
    if (!real_sandbox().bwrap) {
        WARN("bubblewrap does not work here: " << real_sandbox().description);
        return;
    }
    Probe probe;
    expect_stopped(probe, {"tmpfs"}, real_sandbox());
    expect_stopped(probe, {"fds"}, real_sandbox());
    // Nothing of it reached the host's scratch directory.
    CHECK_FALSE(fs::exists(probe.scratch / "big"));
}

TEST_CASE("watcher: CPU burnt in short-lived children counts (cpu_limit, not timeout)") {
    Probe probe;
    for (const SandboxInfo& sandbox : {real_sandbox(), SandboxInfo{}}) {
        INFO("bwrap: " << sandbox.bwrap);
        ProcessResult r = probe.run({"cpu_children"}, sandbox, 0.5);
        INFO(r.stdout_text << r.stderr_text);
        CHECK(r.cpu_exceeded);
        CHECK_FALSE(r.timed_out);
        CHECK(r.wall_seconds < 5);
    }
}

TEST_CASE("proc stat: the fields the watcher reads, reaped children included") {
    ProcStat st;
    REQUIRE(parse_proc_stat("42 (a (b) c) S 7 42 42 0 -1 4194560 100 0 0 0 15 5 30 10 20 0 1 0", st));
    CHECK(st.state == 'S');
    CHECK(st.ppid == 7);
    CHECK(st.utime == 15);
    CHECK(st.stime == 5);
    CHECK(st.cutime == 30);
    CHECK(st.cstime == 10);
}

namespace {
// A directory tree that imitates cgroupfs: control files are plain files the test writes first.
struct FakeCgroupfs {
    fs::path root = fs::temp_directory_path() / fmt::format("grader-cgroupfs-{}-{}", ::getpid(), random_hex(4));
    fs::path self_file = root / "self-cgroup";
    fs::path sys = root / "sys";
    explicit FakeCgroupfs(const std::string& self) {
        fs::create_directories(sys);
        std::ofstream(self_file) << self;
    }
    ~FakeCgroupfs() { fs::remove_all(root); }
    void put(const fs::path& rel, const std::string& text) {
        fs::create_directories((sys / rel).parent_path());
        std::ofstream(sys / rel) << text;
    }
    std::string get(const fs::path& p) { return read_file(p).value_or("<missing>"); }
};
}  // namespace

TEST_CASE("cgroups: a delegated cgroup v2 subtree gives each run memory.max and pids.max") {
    FakeCgroupfs fake("0::/system.slice/grader.service\n");
    fake.put("cgroup.controllers", "cpu memory pids\n");
    fake.put("system.slice/grader.service/cgroup.subtree_control", "memory pids\n");
    const cgroup::Support s = cgroup::detect(fake.sys, fake.self_file);
    REQUIRE(s.mode == cgroup::Mode::v2);
    CHECK(s.memory_dir == fake.sys / "system.slice/grader.service" / fmt::format("aio-grader-{}", ::getpid()));
    CHECK(s.pids_dir == s.memory_dir);
    CHECK(fake.get(s.memory_dir / "cgroup.subtree_control") == "+memory +pids");
    {
        cgroup::RunGroup g(s, 24L << 20, 68);
        REQUIRE(g.active());
        REQUIRE(g.join_fds().size() == 1);
        const fs::path dir = s.memory_dir / "slot-1";
        CHECK(fake.get(dir / "memory.max") == std::to_string((24L << 20) + (32L << 20)));
        CHECK(fake.get(dir / "pids.max") == "68");
        CHECK(fake.get(dir / "memory.swap.max") == "0");
        CHECK(fake.get(dir / "memory.oom.group") == "1");
        CHECK(::write(g.join_fds()[0], "4242", 4) == 4);
        CHECK(g.usage().memory_hit == false);
        fake.put(fs::relative(dir / "memory.events", fake.sys), "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\n");
        fake.put(fs::relative(dir / "pids.events", fake.sys), "max 2\n");
        const cgroup::Usage u = g.usage();
        CHECK(u.memory_hit);
        CHECK(u.oom_kills == 1);
        CHECK(u.pids_hit);
        std::ofstream(dir / "cgroup.procs", std::ios::trunc);  // the run's processes are gone
    }
    // The group is reused by the next run, whose counters start from what the last one left.
    cgroup::RunGroup next(s, 16L << 20, 20);
    REQUIRE(next.active());
    CHECK(fake.get(s.memory_dir / "slot-1" / "pids.max") == "20");
    CHECK_FALSE(fs::exists(s.memory_dir / "slot-2"));
    CHECK_FALSE(next.usage().memory_hit);
    CHECK_FALSE(next.usage().pids_hit);
}

TEST_CASE("cgroups: without delegated controllers there are no groups, and the reason is said") {
    FakeCgroupfs fake("0::/user.slice\n");
    fake.put("cgroup.controllers", "cpu memory pids\n");
    fake.put("user.slice/cgroup.subtree_control", "cpu\n");
    const cgroup::Support s = cgroup::detect(fake.sys, fake.self_file);
    CHECK(s.mode == cgroup::Mode::none);
    CHECK_THAT(s.why_not, Catch::Contains("does not delegate the memory and pids controllers"));
    cgroup::RunGroup g(s, 24L << 20, 68);
    CHECK_FALSE(g.active());
    CHECK(g.join_fds().empty());
}

TEST_CASE("grader-steps: steps run in order, each with its own output, and the first failure stops them") {
    TempDir dir("steps-test-");
    const fs::path d = dir.path;
    const auto step = [&](const std::string& tag, const std::string& script) {
        return std::vector<std::string>{tag, (d / (tag + ".out")).string(), (d / (tag + ".err")).string(), "3", "/bin/sh", "-c", script};
    };
    ProcessSpec spec;
    spec.argv = {helper_program("grader-steps"), (d / "status").string()};
    for (const auto& s : {step("a", "echo out; echo err >&2"), step("b", "kill -TERM $$"), step("c", "touch c.ran")})
        spec.argv.insert(spec.argv.end(), s.begin(), s.end());
    spec.cwd = d;
    spec.limits.wall_seconds = 20;
    ProcessResult r = run_process(spec, SandboxInfo{});
    CHECK(r.exited);
    CHECK(r.exit_code == 128 + SIGTERM);
    CHECK(read_file(d / "a.out").value_or("") == "out\n");
    CHECK(read_file(d / "a.err").value_or("") == "err\n");
    std::istringstream status(read_file(d / "status").value_or(""));
    std::string tag;
    int exit_code = 0, signal = 0;
    double wall = -1, cpu = -1;
    REQUIRE(status >> tag >> exit_code >> signal >> wall >> cpu);
    CHECK(tag == "a");
    CHECK(exit_code == 0);
    CHECK(signal == 0);
    CHECK(wall >= 0);
    CHECK(cpu >= 0);
    REQUIRE(status >> tag >> exit_code >> signal >> wall >> cpu);
    CHECK(tag == "b");
    CHECK(exit_code == -1);
    CHECK(signal == SIGTERM);
    CHECK_FALSE(status >> tag);  // c never ran
    CHECK_FALSE(fs::exists(d / "c.ran"));
    CHECK_FALSE(fs::exists(d / "c.out"));

    // A malformed list (an argument count past the end) runs nothing.
    spec.argv = {helper_program("grader-steps"), (d / "status2").string(), "x", (d / "x.out").string(), (d / "x.err").string(), "9", "/bin/true"};
    r = run_process(spec, SandboxInfo{});
    CHECK(r.exit_code == 125);
    CHECK_FALSE(fs::exists(d / "x.out"));
}
