// Runs after the five invocations of invoker.properties.
def log = new File(basedir, 'build.log').text

// 1: the search found the break, named the cause at the first failing level, and printed the levels tried.
assert log.contains('breaking point: contenders 5 (4-5, 95%); at 5: UNCLASSIFIED')
assert log.contains('5 contender threads, more than the capacity of 4')
assert log.contains('contenders 4       14      14  100% (78-100%)          PASSES')
def trials = new File(basedir, 'target/trials.txt').readLines()
assert trials.contains('4') && trials.contains('5') : "levels the test ran at: ${trials.unique()}"

// 2: the bound above the break failed the build, naming the bound and the summary.
assert log.contains('it.panicattack.capacity.WorkerCapacityTest#fitsBesideTheOtherWorkers breaks at or below the'
        + ' required level -DrequireAbove=8: breaking point: contenders ')
assert new File(basedir, 'target/trials-require-above.txt').exists()

// 3: the inverted range failed with the command line's message, and the test never ran.
assert log.contains('--from must be below to, but the range 16 to 0 of concurrency.contenders is inverted; swap from and to')
assert !new File(basedir, 'target/trials-inverted-range.txt').exists()

// 4 and 5: the goal refused the axis and the selector itself.
assert log.contains("axis: unknown breaking-point axis 'concurrency.contender'; use one of cpu.load, memory.heap,")
assert log.contains("test: expected one test method as Class#method, such as -Dtest=OrderServiceTest#checkout,"
        + " but was 'WorkerCapacityTest'")
true
