// Reference for check_tfjs.py: one of nsfwjs 4.4.0's own models on pure-JS TensorFlow.js (CPU backend).
// Usage: NODE_PATH=<dir with @tensorflow/tfjs and nsfwjs> node check_tfjs.js MODEL SIZE in.u8 n out.json
// MODEL: MobileNetV2 (SIZE 224) or InceptionV3 (SIZE 299); in.u8 holds n RGB images of SIZE x SIZE (HWC bytes),
// the model's own size, so nsfwjs does not resize.
const fs = require("fs");
const tf = require("@tensorflow/tfjs");
const nsfwjs = require("nsfwjs");

async function main() {
  const [name, sizeArg, input, n, output] = process.argv.slice(2);
  await tf.setBackend("cpu");
  const size = Number(sizeArg);
  const model = await nsfwjs.load(name, { size });
  const bytes = fs.readFileSync(input);
  const len = size * size * 3;
  const probs = [];
  for (let i = 0; i < Number(n); i++) {
    const img = tf.tensor3d(Int32Array.from(bytes.subarray(i * len, (i + 1) * len)), [size, size, 3], "int32");
    const out = model.infer(img);
    probs.push(Array.from(await out.data()));
    out.dispose();
    img.dispose();
  }
  fs.writeFileSync(output, JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, probs }));
}

main().catch((e) => { console.error(e); process.exit(1); });
