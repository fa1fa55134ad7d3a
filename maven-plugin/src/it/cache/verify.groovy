def log = new File(basedir, 'build.log').text
def first = log.indexOf('numguard: analysed 2 files in ')
def hit = log.indexOf('numguard: analysis cache hit, 0 files analysed (reused 3 findings for 2 files')
def miss = log.indexOf('(analysis cache miss: 1 source file changed)')
assert log.contains('(analysis cache miss: no cached analysis yet)') : 'see build.log'
assert first >= 0 && hit > first && miss > hit : "expected miss, hit, miss in order: ${first} ${hit} ${miss}"
assert log.contains('numguard: 3 findings (Expm1: 1, Log1p: 2)') : 'see build.log'
assert log.contains('numguard: 2 findings (Log1p: 2)') : 'see build.log'
assert new File(basedir, 'target/numguard/analysis-cache.json').isFile() : 'see build.log'
return true
