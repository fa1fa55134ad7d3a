def log = new File(basedir, 'build.log').text
def model = new File(basedir, 'src/main/java/it/numguard/Model.java').canonicalPath
def baseline = new File(basedir, 'numguard-baseline.json')

assert baseline.isFile() : 'see build.log'
assert baseline.text.contains('"file" : "src/main/java/it/numguard/Model.java"') : 'see build.log'
assert log.contains('numguard: recorded 2 findings in ') : 'see build.log'
assert log.contains('numguard: 0 new findings; 2 baselined, 0 absent from the baseline') : 'see build.log'
def sarif = new File(basedir, 'target/numguard/numguard.sarif').text
assert sarif.contains('"baselineState" : "unchanged"') : 'the SARIF marks the baselined findings'
assert sarif.contains('"uriBaseId" : "%SRCROOT%"') : 'relative URIs'
// the new finding, at its line in the edited file, and nothing else
assert log.contains("[WARNING] ${model}:[20,16] [Log1p] ") : 'see build.log'
assert !log.contains("${model}:[11,16] [Log1p]") : 'see build.log'
assert !log.contains("${model}:[15,16] [Expm1]") : 'see build.log'
assert log.contains('numguard: 1 finding (Log1p: 1) at or above WARNING, more than maxAllowedViolations=0') : 'see build.log'
return true
