// The invoker does not copy .gitignore files (a default exclude), so the project gets its own here.
new File(basedir, '.gitignore').text = 'src/main/java/it/numguard/generated/\n'
return true
