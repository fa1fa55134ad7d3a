def log = new File(basedir, 'build.log').text
def src = new File(basedir, 'src/main/java/it/numguard').canonicalPath

// the severity overrides show in the log level
assert log.contains("[WARNING] ${src}/Small.java:[6,16] [Log1p] ") : 'errors are logged as warnings: a passing build prints no [ERROR]'
assert !log.contains("[ERROR] ${src}/Rates.java") : 'see build.log'
assert log.contains("[INFO] ${src}/Small.java:[10,16] [Expm1] ") : 'Expm1 is not logged as info'
assert log.contains('numguard: 2 findings (Log1p: 2) at or above WARNING, more than maxAllowedViolations=0') : 'see build.log'
assert log.contains('numguard: 3 findings (Expm1: 1, Log1p: 2) at or above INFO, more than maxAllowedViolations=2') : 'see build.log'
assert !log.contains('more than maxAllowedViolations=3') : 'invocation 4 failed'
assert log.count('BUILD SUCCESS') == 2 && log.count('BUILD FAILURE') == 2 : 'see build.log'
return true
