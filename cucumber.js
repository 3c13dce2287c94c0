// Default cucumber-js profile: the suite against the embedded reference,
// or against HELIOS_TARGET_URL when it is set (see steps/support/API.md).
//
// cucumber-js adds command-line paths to the profile's paths instead of
// replacing them, so the profile names every feature only when the command
// line names none: `npx cucumber-js features/schemes.feature` runs one file.
const featureArgumentRegExp = /\.feature(:\d+)*$|^features(\/|$)/;
const namesFeatures = process.argv
  .slice(2)
  .some((argument) => featureArgumentRegExp.test(argument));

module.exports = {
  default: {
    requireModule: ['ts-node/register/transpile-only'],
    require: ['steps/**/*.ts'],
    paths: namesFeatures ? [] : ['features/**/*.feature'],
    format: ['progress'],
  },
};
