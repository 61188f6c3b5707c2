// A module in a subfolder, using the global frame helpers.
exports.describe = (frames) => `${frameCount(frames)} frames in ${frameChunker(frames, 1000).length} chunk`;
