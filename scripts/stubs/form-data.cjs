// Stands in for the form-data package in the bundled runtime. axios loads it (and with it the
// 130 KB mime-db) at start-up, but dws-dr never sends a form; leaving it out halves the bundle.
module.exports = class FormData {
  constructor() {
    throw new Error("dws-dr: form-data is not bundled; the runtime sends no multipart bodies");
  }
};
