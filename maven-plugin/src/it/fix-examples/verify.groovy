def log = new File(basedir, 'build.log').text

// invocation 1 failed on hostile tests, invocation 3 passed with them
assert log =~ /Tests run: \d+, Failures: [1-9]\d*/ || log =~ /Tests run: \d+, Failures: \d+, Errors: [1-9]/ : 'see build.log'
def fixed = (log =~ /numguard: fixed (\d+) of (\d+) findings/)
assert fixed.find() : 'fix did not report what it fixed'
int applied = fixed.group(1) as int
int total = fixed.group(2) as int
assert applied > 0 : 'see build.log'
def after = (log =~ /numguard: (\d+) findings?/)
def counts = []
while (after.find()) { counts << (after.group(1) as int) }
// a fix can also remove findings that depended on the fixed code (a softmax feeding a cross-entropy)
assert counts.last() <= total - applied : "check after fix found ${counts.last()}, more than the ${total - applied} left unfixed"
assert log.contains('BUILD SUCCESS') : 'see build.log'
return true
