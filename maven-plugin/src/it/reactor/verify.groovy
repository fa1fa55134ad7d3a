def log = new File(basedir, 'build.log').text
def findings = new File(basedir, 'findings/src/main/java/it/numguard').canonicalPath
def broken = new File(basedir, 'broken/src/main/java/it/numguard/Broken.java').canonicalPath

// each module's results, in both the sequential and the parallel run
assert log.count("[WARNING] ${findings}/Small.java:[6,16] [Log1p] ") == 2 : 'see build.log'
assert log.count('[INFO] numguard: 3 findings (Expm1: 1, Log1p: 2)') == 2 : 'see build.log'
assert log.count("[WARNING] ${broken}:[5,") == 2 : 'the unparsable file is named with its line'
assert log.count('numguard: 1 file could not be analysed: ' + broken + ':[5,') >= 2 : 'see build.log'
assert log.count('[INFO] numguard: 0 findings') >= 4 : 'the clean module and the parent report no findings'
assert log =~ /(?s)Reactor Summary.*clean \.+ SUCCESS.*findings \.+ FAILURE.*broken \.+ FAILURE/ : 'see build.log'
['clean', 'findings', 'broken'].each { module ->
    assert new File(basedir, "${module}/target/numguard/numguard.sarif").isFile() : "no report for ${module}"
}
return true
