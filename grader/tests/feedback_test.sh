#!/usr/bin/env bash
# The feedback budget: for each classic mistake, a real wrong submission checked with
# `grader check` gets at most LIMIT lines for the exercise (from its header line to the total,
# not counting the run's own first and last lines), names its mistake with the right hint,
# and shows that hint's paragraph once. The same renderer prints the kit's own ctest output
# (harness reporter), so this also bounds what a student's ctest shows for these mistakes.
# usage: feedback_test.sh GRADER EXAMPLES KIT KITCACHE WORK
set -euo pipefail
grader=$1 examples=$2 kit=$3 cache=$4 work=$5
LIMIT=48   # "about 40": 35-42 lines for exercises 02-07, 48 for 11 (five failing tests, a ten-line counter)
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
cfg=(--config "$examples/grader.toml" --cache-dir "$cache" -j 2)

# Wrong submissions made here from the kit's own files.
mkdir -p "$work/stub02" "$work/unawaited07" "$work/kept04" "$work/getline11" "$work/noreturn03" \
         "$work/nocancel13" "$work/nocancel14" "$work/onebyone15"
cp "$kit/exercises/02-async-example/async_example.cpp" "$work/stub02/"
sed -e 's/    std::string result1 = co_await task1;/    std::string result1 = "데이터베이스 정리 완료";/' \
    -e 's/    std::string result2 = co_await task2;/    std::string result2 = "로그 파일 압축 완료";  \/\/ task2 is never awaited/' \
  "$kit/solutions/07-asyncio-tasks/asyncio_tasks.cpp" >"$work/unawaited07/asyncio_tasks.cpp"
grep -q 'task2 is never awaited' "$work/unawaited07/asyncio_tasks.cpp" || fail "could not make the unawaited-task submission"
# A coroutine called and dropped is a compile error (-Werror=unused-result); one kept in a
# variable and never awaited is caught when it is destroyed unrun.
sed 's/^    slow_operation(seconds);/    auto never_run = slow_operation(seconds);/' "$examples/class/s05-never-awaited/await_example.cpp" \
  >"$work/kept04/await_example.cpp"
grep -q 'never_run' "$work/kept04/await_example.cpp" || fail "could not make the kept-coroutine submission"
# std::getline instead of co_await aio::input() (with a co_return, so it is still a coroutine).
{ echo '#include <iostream>'
  sed -e 's/^            line = co_await aio::input();.*/            if (!std::getline(std::cin, line)) break;/' \
      -e 's/^    aio::print("입력을 마칩니다.");/    aio::print("입력을 마칩니다.");\n    co_return;/' \
      "$kit/solutions/11-counter-input/counter_input.cpp"; } >"$work/getline11/counter_input.cpp"
grep -q 'std::getline(std::cin, line)' "$work/getline11/counter_input.cpp" || fail "could not make the getline submission"
# A value-returning coroutine that runs off its end (g++ does not warn for coroutines).
sed 's/^    co_return result;/    co_await aio::sleep(0);/' "$kit/solutions/03-async-function/async_function.cpp" \
  >"$work/noreturn03/async_function.cpp"
grep -q 'co_await aio::sleep(0);' "$work/noreturn03/async_function.cpp" || fail "could not make the missing co_return submission"

# 13: the deadline slept out by hand, and the late request never cancelled (left running).
sed 's|^        std::string page = co_await aio::wait_for(fetch_page(site.name, site.delay), site.timeout);|        aio::Task<std::string> t = aio::create_task(fetch_page(site.name, site.delay)); co_await aio::sleep(site.timeout); if (!t.done()) throw aio::TimeoutError(); std::string page = t.result();  // no cancel|' \
  "$kit/solutions/13-wait-for-timeout/wait_for_timeout.cpp" >"$work/nocancel13/wait_for_timeout.cpp"
grep -q 'no cancel' "$work/nocancel13/wait_for_timeout.cpp" || fail "could not make the missing-cancel submission"
# 14: the consumers are never cancelled after join (left for aio::run to cancel).
sed -e '/    for (aio::Task<void>& w : workers) w.cancel();/d' \
    -e 's|^    co_await aio::gather_outcomes(std::move(workers));|    // the consumers are never stopped|' \
  "$kit/solutions/14-producer-consumer/producer_consumer.cpp" >"$work/nocancel14/producer_consumer.cpp"
grep -q 'never stopped' "$work/nocancel14/producer_consumer.cpp" || fail "could not make the consumers-left submission"
# 15: the requests awaited one by one (the semaphore never has more than one taken).
sed 's|^    std::vector<std::string> bodies = co_await aio::gather(std::move(requests));|    std::vector<std::string> bodies; for (auto\& r : requests) bodies.push_back(co_await std::move(r));  // one by one|' \
  "$kit/solutions/15-limited-crawler/limited_crawler.cpp" >"$work/onebyone15/limited_crawler.cpp"
grep -q 'one by one' "$work/onebyone15/limited_crawler.cpp" || fail "could not make the one-by-one crawler"

status=0
check() {  # name dir exercise hint-title [config...]
  local name=$1 dir=$2 ex=$3 hint=$4 out="$work/$1.txt" rc
  shift 4
  local args=("${cfg[@]}")
  [ $# -gt 0 ] && args=("$@")
  set +e
  "$grader" check "$dir" -e "$ex" "${args[@]}" >"$out" 2>&1
  rc=$?
  set -e
  local lines paragraphs
  lines=$(awk -v ex="$ex" 'index($0, ex " ") == 1 { on = 1 } /^총점 / { on = 0 } on' "$out" | grep -c .)
  paragraphs=$(grep -c "힌트 \[$hint\]: " "$out" || true)
  local refs
  refs=$(grep -c "힌트 \[$hint\]: 위의 설명을 보세요" "$out" || true)
  if [ "$rc" -ne 1 ]; then echo "FAIL $name: exit $rc, want 1"; status=1
  elif [ "$lines" -gt "$LIMIT" ]; then echo "FAIL $name: $lines lines (limit $LIMIT)"; cat "$out"; status=1
  elif [ $((paragraphs - refs)) -ne 1 ]; then echo "FAIL $name: hint [$hint] paragraph shown $((paragraphs - refs)) times, want 1"; cat "$out"; status=1
  elif [ "$(grep -c '기대한 타임라인' "$out")" -gt 1 ]; then echo "FAIL $name: timelines drawn more than once"; status=1
  else echo "ok   $name: $lines lines, [$hint] once"; fi
}
check sequential   "$examples/class/s03-sequential"     02-async-example "차례로 await"
check blocking     "$examples/class/s04-blocking-sleep" 02-async-example "블로킹 sleep"
check never_awaited "$work/kept04"                      04-await-example "co_await 빠짐"
# 07 is not in the sample class's assignment: the kit's own configuration.
check unawaited    "$work/unawaited07"                  07-asyncio-tasks "기다리지 않은 작업" --cache-dir "$cache" -j 2
check stub         "$work/stub02"                       02-async-example "아직 구현하지 않음"
check getline      "$work/getline11"                    11-counter-input "블로킹 입력" --cache-dir "$cache" -j 2
check no_co_return "$work/noreturn03"                   03-async-function "co_return 빠짐"
check no_cancel13  "$work/nocancel13"                   13-wait-for-timeout "기다리지 않은 작업" --cache-dir "$cache" -j 2
check no_cancel14  "$work/nocancel14"                   14-producer-consumer "기다리지 않은 작업" --cache-dir "$cache" -j 2
check one_by_one15 "$work/onebyone15"                   15-limited-crawler "차례로 await" --cache-dir "$cache" -j 2
# The same mistake with the call's result dropped: a compile error that names it at the line.
set +e
"$grader" check "$examples/class/s05-never-awaited" -e 04-await-example "${cfg[@]}" >"$work/dropped.txt" 2>&1
set -e
if ! grep -q 'await_example.cpp:13: 컴파일 오류: 코루틴을 호출만 하고 co_await 하지 않았습니다' "$work/dropped.txt"; then
  echo "FAIL dropped: no Korean explanation at await_example.cpp:13"; cat "$work/dropped.txt"; status=1
else echo "ok   dropped: compile error explained at await_example.cpp:13"; fi
# Everything on request: more than the brief output, and still each paragraph once.
"$grader" check "$examples/class/s03-sequential" -e 02-async-example --full "${cfg[@]}" >"$work/full.txt" 2>&1 || true
[ "$(wc -l <"$work/full.txt")" -gt "$(wc -l <"$work/sequential.txt")" ] || { echo "FAIL full: not longer than brief"; status=1; }
[ "$(grep -c '힌트 \[차례로 await\]: [^위]' "$work/full.txt")" -eq 1 ] || { echo "FAIL full: hint paragraph not exactly once"; status=1; }
exit $status
