def log = new File(basedir, 'build.log').text
def scores = new File(basedir, 'src/main/java/it/numguard/Scores.java').getText('ISO-8859-1')
def pom = new File(basedir, 'pom.xml').text

// 1-2: the naive code fails its hostile tests and numguard's check
assert log.contains('Tests run: 3, Failures: ') : 'the hostile tests ran on the naive code'
assert log.contains('numguard: 2 findings (Log1p: 1, NaiveSoftmax: 1) at or above WARNING') : 'see build.log'
// the Latin-1 source was read in the build's encoding (no problem reported)
assert !log.contains('not valid UTF-8') && !log.contains('could not analyse') : 'see build.log'
// 3-4: baseline, then a passing check whose reports mark the findings as baselined
assert log.contains('numguard: recorded 2 findings in ') : 'see build.log'
assert log.contains('numguard: 0 new findings; 2 baselined, 0 absent from the baseline') : 'see build.log'
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/numguard/numguard.sarif'))
def results = sarif.runs[0].results
assert results.every { it.baselineState == 'unchanged' && it.suppressions[0].status == 'accepted' } : results
// URIs relative to the checkout (the repository around this test project), resolved by %SRCROOT%
assert results.every { def uri = it.locations[0].physicalLocation.artifactLocation.uri
    !uri.startsWith('file:') && uri.endsWith('java8-workflow/src/main/java/it/numguard/Scores.java') }
assert new File(new URI(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri)).toPath()
        .resolve(results[0].locations[0].physicalLocation.artifactLocation.uri).toFile().isFile()
assert new File(basedir, 'target/numguard/numguard.txt').text.contains('(baselined)')
// 5: the fix, in Latin-1, and the dependency added to the POM next to the existing one
assert scores.contains('\u00e9crit en Latin-1') : 'the file keeps its encoding'
assert scores.contains('StableMath.softmax(') && scores.contains('Math.log1p(rate)') : scores
assert log.contains("added dev.numguard:numguard-runtime-guards:") : 'see build.log'
assert pom.contains('<artifactId>numguard-runtime-guards</artifactId>') : pom
assert pom.indexOf('<artifactId>junit-jupiter</artifactId>') < pom.indexOf('<artifactId>numguard-runtime-guards</artifactId>')
assert new File(basedir, 'target/numguard/fix.diff').text.contains('--- a/src/main/java/it/numguard/Scores.java')
// 6: compiled for Java 8 against runtime-guards, and every hostile test passes
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'see build.log'
assert log.count('BUILD SUCCESS') == 4 : 'see build.log'
def classFile = new File(basedir, 'target/classes/it/numguard/Scores.class').bytes
assert ((classFile[6] & 0xff) << 8 | (classFile[7] & 0xff)) == 52 : 'Java 8 bytecode'
return true
