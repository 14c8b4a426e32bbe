// babel-preset-taro: the one Babel setup Taro's webpack runner expects for React + TypeScript.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
