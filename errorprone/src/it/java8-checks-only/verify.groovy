def log = new File(basedir, 'build.log').text

// javac's own warnings are all there (more than the default cap of 100) ...
assert log.count('found raw type') >= 150 : 'see build.log'
// ... and numguard's findings after them were not hidden
assert log =~ /Noisy\.java:\[\d+,\d+\] \[NaiveSoftmax\]/ : 'NaiveSoftmax warning hidden or missing'
assert log =~ /Noisy\.java:\[181,\d+\] \[Log1p\]/ : 'Log1p warning hidden or missing'
// Error Prone's own checks are off: DeadException would have been an error
assert !log.contains('[DeadException]') : 'Error Prone checks were not disabled'
assert log.contains('BUILD SUCCESS') : 'see build.log'
// the project's target was kept: Java 8 bytecode
def bytes = new File(basedir, 'target/classes/demo/Noisy.class').bytes
assert ((bytes[6] & 0xff) << 8 | (bytes[7] & 0xff)) == 52 : 'not Java 8 bytecode'
return true
