def log = new File(basedir, 'build.log').text

// invocation 1 failed on hostile tests, invocation 3 passed with them
assert log =~ /Tests run: \d+, Failures: [1-9]\d*/ || log =~ /Tests run: \d+, Failures: \d+, Errors: [1-9]/ : 'see build.log'
def fixed = (log =~ /numguard: fixed (\d+) of (\d+) findings in \d+ files?( in (\d+) rounds)?/)
assert fixed.find() : 'fix did not report what it fixed'
int applied = fixed.group(1) as int
int total = fixed.group(2) as int
// a fix that rewrites a whole formula also settles the findings inside it, so applied can be below total
assert applied > 0 && total > 0 : "fix applied ${applied} fixes for ${total} findings; see build.log"
assert !log.contains('left to fix by hand') : 'a finding got no automatic fix; see build.log'
// every finding is fixed: check after fix finds none
def after = (log =~ /numguard: (\d+) findings?/)
def counts = []
while (after.find()) { counts << (after.group(1) as int) }
assert counts && counts.last() == 0 : "check after fix found ${counts ? counts.last() : '?'} findings"
// invocation 5: a second fix has nothing left to do
assert fixed.find() : 'the second fix did not report'
assert fixed.group(1) == '0' && fixed.group(2) == '0' : "the second fix changed something: ${fixed.group(0)}"
assert log.contains('BUILD SUCCESS') : 'see build.log'
return true
