// Reference for check_tfjs.py: nsfwjs 4.4.0's own MobileNetV2 on pure-JS TensorFlow.js (CPU backend).
// Usage: NODE_PATH=<dir with @tensorflow/tfjs and nsfwjs> node check_tfjs.js in.u8 n out.json
// in.u8 holds n RGB images of 224 x 224 (HWC bytes); 224 is the model's size, so nsfwjs does not resize.
const fs = require("fs");
const tf = require("@tensorflow/tfjs");
const nsfwjs = require("nsfwjs");

async function main() {
  const [input, n, output] = process.argv.slice(2);
  await tf.setBackend("cpu");
  const model = await nsfwjs.load("MobileNetV2");
  const bytes = fs.readFileSync(input);
  const size = 224 * 224 * 3;
  const probs = [];
  for (let i = 0; i < Number(n); i++) {
    const img = tf.tensor3d(Int32Array.from(bytes.subarray(i * size, (i + 1) * size)), [224, 224, 3], "int32");
    const out = model.infer(img);
    probs.push(Array.from(await out.data()));
    out.dispose();
    img.dispose();
  }
  fs.writeFileSync(output, JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, probs }));
}

main().catch((e) => { console.error(e); process.exit(1); });
