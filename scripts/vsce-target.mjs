// Prints the vsce --target for this machine (e.g. linux-x64), so the .vsix says which keytar binary it carries.
const platform = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform] ?? process.platform;
process.stdout.write(`${platform}-${process.arch}`);
