def log = new File(basedir, 'build.log').text
def src = new File(basedir, 'src').canonicalPath

assert log.contains('numguard: skipped (numguard.skip)') : 'see build.log'
assert log.contains('numguard: 1 finding (Log1p: 1)') : 'see build.log'
assert log.contains('numguard: 2 findings (Log1p: 2)') : 'see build.log'
assert log.contains("${src}/test/java/it/numguard/SmallTestHelper.java:[5,16] [Log1p] ") : 'see build.log'
assert !log.contains('legacy/OldRates.java') : 'the excluded file was analysed'
assert !log.contains('generated/Gen.java') : 'the file .gitignore ignores was analysed'
assert !log.contains('[Expm1]') : 'see build.log'
assert log.count('[INFO] numguard: 1 finding (Log1p: 1)') == 2 : 'enabledRules=Log1p run'
// help lists every goal
['numguard:check', 'numguard:fix', 'numguard:report', 'numguard:baseline', 'numguard:help'].each {
    assert log.contains(it) : "help does not mention ${it}"
}
return true
