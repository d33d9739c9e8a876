// Loaded first by test/keychain/.mocharc.json: these tests write to a real Secret Service, so they
// refuse to run anywhere but the private one scripts/with-keyring.sh starts.
const root = process.env.RR_KEYRING_ROOT ?? '';
const address = process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
if (process.env.RR_PRIVATE_KEYRING !== '1' || !root || address !== process.env.RR_PRIVATE_DBUS_ADDRESS || !address.startsWith(`unix:path=${root}/bus/`)) {
  process.stderr.write(
    'test/keychain: refusing to run outside the private keyring session (the machine\'s own keychain must never be touched).\n' +
      'Run: npm run test:keychain   (= bash scripts/with-keyring.sh mocha --config test/keychain/.mocharc.json)\n',
  );
  process.exit(2);
}
