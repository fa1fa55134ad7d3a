def log = new File(basedir, 'build.log').text
def small = new File(basedir, 'src/main/java/it/numguard/Small.java')
def softmax = new File(basedir, 'src/main/java/it/numguard/Softmax.java')

// dry run: the diff goes to a file, paths relative to the module, and not into the log
def dryRun = new File(basedir, 'target/dry-run/fix.diff').text
assert dryRun.contains('--- a/src/main/java/it/numguard/Small.java\n+++ b/src/main/java/it/numguard/Small.java\n') : dryRun
assert dryRun.contains('-        return Math.log(1 + x);\n+        return Math.log1p(x);\n') : dryRun
assert !log.contains('+        return Math.log1p(x);') : 'no diff lines among the [INFO] lines'
assert log.contains('(dry run: no source changed)') : 'see build.log'
// the dry run shows each fix's level above the file's diff; without unsafeFixes only safe ones are in it
assert dryRun.contains('# numguard safe fix, line ') : dryRun
assert !dryRun.contains('StableMath') : 'a fix that needs review is not in the safe-only diff: ' + dryRun
// safe fixes only: the softmax rewrite is held back and logged with the way to apply it
assert log.contains('-- fix needs review, not applied: Use StableMath.softmax (-Dnumguard.unsafeFixes applies it)') : 'see build.log'
assert log.contains('needing review not applied (-Dnumguard.unsafeFixes)') : 'see build.log'
// the fix itself
assert small.text.contains('return Math.log1p(x);') : 'see build.log'
assert small.text.contains('return Math.expm1(x);') : 'see build.log'
assert log.contains('numguard: fixed 2 findings in src/main/java/it/numguard/Small.java') : 'see build.log'
// the second fix run has nothing left to do for Small.java
assert log.count('numguard: fixed 2 findings in src/main/java/it/numguard/Small.java') == 1 : 'see build.log'
// the fix calls runtime-guards: the dependency was added to the POM, the rest of the POM is as it was,
// and the fixed module compiles (invocation 4)
assert softmax.text.contains('dev.numguard.guards') : 'see build.log'
assert log.contains('numguard: the fixed code calls numguard\'s runtime library; added dev.numguard:numguard-runtime-guards:') : 'see build.log'
def pom = new File(basedir, 'pom.xml').text
assert pom.contains('<artifactId>numguard-runtime-guards</artifactId>') : pom
assert pom.contains('<maven.compiler.release>17</maven.compiler.release>') : pom
assert log.count('BUILD SUCCESS') == 5 : 'the fixed module compiles'
return true
