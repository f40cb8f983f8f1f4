// face_reference.mjs: runs the kiosk's aligned face chips through face-api's own JavaScript
// (its browser build, on TensorFlow.js's pure-JS CPU backend: nothing native) and compares the
// descriptors with the kiosk's C forward pass.
//   node face_reference.mjs MODEL_PKG_DIR CHIPS_DIR COUNT
// Prints "ok - ..." / "FAIL - ..." per chip and "# passed N failed M".
import fs from 'fs';
import util from 'util';

const [pkgDir, chipsDir, countArg] = process.argv.slice(2);
const TOLERANCE = 1e-5; // largest difference allowed in any of the 128 values

// The browser build asks its (stubbed) "util" module for TextEncoder/TextDecoder/types when it
// sees Node; lend it Node's (through Object.prototype, which the stub's empty object inherits).
for (const k of ['TextEncoder', 'TextDecoder', 'types']) Object.defineProperty(Object.prototype, k, { value: util[k], configurable: true });
const faceapi = await import(`${pkgDir}/dist/face-api.esm.js`);

const tf = faceapi.tf;
await tf.setBackend('cpu');
await tf.ready();
const manifest = JSON.parse(fs.readFileSync(`${pkgDir}/model/face_recognition_model-weights_manifest.json`));
const bin = fs.readFileSync(`${pkgDir}/model/face_recognition_model.bin`);
const weights = tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), manifest[0].weights);
await faceapi.nets.faceRecognitionNet.loadFromWeightMap(weights);

let passed = 0, failed = 0, worst = 0;
const count = Number(countArg);
for (let k = 0; k < count; k++) {
  const rgb = fs.readFileSync(`${chipsDir}/chip-${k}.rgb`);
  const ours = fs.readFileSync(`${chipsDir}/chip-${k}.txt`, 'utf8').trim().split('\n').map(Number);
  const x = tf.tensor3d(new Float32Array(rgb), [150, 150, 3]);
  const theirs = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(x);
  x.dispose();
  let diff = 0;
  for (let i = 0; i < 128; i++) diff = Math.max(diff, Math.abs(theirs[i] - ours[i]));
  worst = Math.max(worst, diff);
  if (ours.length === 128 && diff <= TOLERANCE) { passed++; console.log(`ok - chip ${k}: largest difference ${diff.toExponential(2)}`); }
  else { failed++; console.log(`FAIL - chip ${k}: largest difference ${diff.toExponential(2)} > ${TOLERANCE}`); }
}
if (count < 10) { failed++; console.log(`FAIL - only ${count} chips`); }
console.log(`# largest difference over ${count} chips: ${worst.toExponential(2)} (tolerance ${TOLERANCE})`);
console.log(`# passed ${passed} failed ${failed}`);
