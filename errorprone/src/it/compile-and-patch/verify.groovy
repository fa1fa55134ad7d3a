def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/java/demo/Scores.java').text

// the first compile reported each idiom as a compiler warning, with its rule id
assert log =~ /Scores\.java:\[12,\d+\] \[NaiveSoftmax\]/ : 'NaiveSoftmax warning missing'
assert log =~ /Scores\.java:\[\d+,\d+\] \[NaiveLogSumExp\]/ : 'NaiveLogSumExp warning missing'
assert log =~ /Scores\.java:\[30,\d+\] \[Log1p\]/ : 'Log1p warning missing'
assert !(log =~ /Scores\.java:\[35,\d+\] \[Log1p\]/) : '@SuppressWarnings("Log1p") was ignored'

// patch mode rewrote the file into runtime-guards calls
assert source.contains('import dev.numguard.guards.StableMath;') : source
assert source.contains('StableMath.softmax(') : source
assert source.contains('StableMath.logSumExp(') : source
assert source.contains('return Math.log1p(rate);') : source
// the suppressed method is left as it was
assert source.contains('public static double logGrowthKeptOnPurpose(double rate) {\n        return Math.log(1 + rate);') : source

// the strict build (numguard findings as errors) succeeded on the patched code
assert log.contains('BUILD SUCCESS') : 'the last build failed'
return true
