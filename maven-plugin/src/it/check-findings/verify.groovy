// Invocation 1 (default check) must fail with compiler-style warnings and the summary;
// invocation 2 (failOnViolation=false) must pass and still write every report.
def log = new File(basedir, 'build.log').text
def src = new File(basedir, 'src/main/java/it/numguard').canonicalPath

assert log.contains("[WARNING] ${src}/Small.java:[6,16] [Log1p] ") : 'see build.log'
assert log.contains("[WARNING] ${src}/Small.java:[10,16] [Expm1] ") : 'see build.log'
assert log.contains("[WARNING] ${src}/Rates.java:[6,24] [Log1p] ") : 'see build.log'
assert !log.contains('Clean.java:[') : 'see build.log'

def summary = 'numguard: 3 findings (Expm1: 1, Log1p: 2)'
assert log.contains("${summary} at or above WARNING, more than maxAllowedViolations=0") : 'see build.log'
assert log.contains('BUILD FAILURE') : 'see build.log'
assert log.contains('(not failing: failOnViolation=false)') : 'see build.log'
assert log.contains('BUILD SUCCESS') : 'see build.log'

def reports = new File(basedir, 'target/numguard')
['numguard.txt', 'numguard.json', 'numguard.sarif', 'numguard.html'].each { name ->
    def report = new File(reports, name)
    assert report.isFile() && report.length() > 0 : "missing report ${report}"
}
assert new File(reports, 'numguard.sarif').text.contains('"2.1.0"') : 'see build.log'
assert new File(reports, 'numguard.json').text.contains('Expm1') : 'see build.log'
return true
