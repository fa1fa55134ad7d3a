def log = new File(basedir, 'build.log').text
def small = new File(basedir, 'src/main/java/it/numguard/Small.java')
def softmax = new File(basedir, 'src/main/java/it/numguard/Softmax.java')

// dry run: a unified diff and the note that nothing was written
assert log.contains('numguard: would change src/main/java/it/numguard/Small.java:') : 'see build.log'
assert log.contains('-        return Math.log(1 + x);') : 'see build.log'
assert log.contains('+        return Math.log1p(x);') : 'see build.log'
assert log.contains('(dry run: nothing written)') : 'see build.log'
// the fix itself
assert small.text.contains('return Math.log1p(x);') : 'see build.log'
assert small.text.contains('return Math.expm1(x);') : 'see build.log'
assert log.contains('numguard: fixed 2 findings in src/main/java/it/numguard/Small.java') : 'see build.log'
// the second fix run has nothing left to do for Small.java
assert log.count('numguard: fixed 2 findings in src/main/java/it/numguard/Small.java') == 1 : 'see build.log'
// when a fix calls runtime-guards, the missing dependency is named exactly; the POM is untouched
if (softmax.text.contains('dev.numguard.guards')) {
    assert log.contains('numguard: the fixed code calls numguard\'s runtime library, which this module does not depend on') : 'see build.log'
    assert log.contains('<artifactId>numguard-runtime-guards</artifactId>') : 'see build.log'
}
assert !new File(basedir, 'pom.xml').text.contains('numguard-runtime-guards') : 'see build.log'
return true
