def log = new File(basedir, 'build.log').text
def scores = new File(basedir, 'src/main/java/it/numguard/modular/Scores.java')
def descriptor = new File(basedir, 'src/main/java/module-info.java')

// the softplus now calls runtime-guards, so the module requires it: one line, after the last requires
assert scores.text.contains('return StableMath.softplus(z);') : scores.text
assert descriptor.text == '''/** A modular project: code it calls must be required here. */
module it.numguard.modular {
    requires java.logging;
    requires dev.numguard.guards;

    exports it.numguard.modular;
}
''' : descriptor.text
assert log.contains('numguard: the fixed code calls numguard\'s runtime library; added `requires dev.numguard.guards;` to src/main/java/module-info.java') : 'see build.log'
assert log.count('added `requires dev.numguard.guards;`') == 1 : 'the second fix changes nothing'
assert new File(basedir, 'pom.xml').text.contains('<artifactId>numguard-runtime-guards</artifactId>')
// the fixed module compiles (invocation 3)
assert log.count('BUILD SUCCESS') == 3 : 'see build.log'
return true
