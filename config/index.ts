import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { clientDeployment } from './deployment'
import devConfig from './dev'
import prodConfig from './prod'

// Test builds (TARO_APP_E2E=1) compile in the native-API stubs the journey drivers use and go to
// their own folder, so a production build never ships them.
const isE2E = process.env.TARO_APP_E2E === '1'
const platform = process.env.TARO_ENV ?? 'weapp'

// The deployment configuration (deploy.config.json, or the example): which cloud environment the
// mini program calls and the account's subscribe-message template ids (shared/subscribe-templates.ts
// reads them as process.env.UNIONHUB_TEMPLATE_*). `npm run deploy` builds with the same file. Test
// builds keep the placeholder ids the local cloud's functions send with.
const deployment = clientDeployment()
const templateIds = Object.fromEntries(Object.entries(deployment.templateVariables).map(([name, id]) => [name, JSON.stringify(isE2E ? '' : id)]))

// The @shared alias is declared once in tsconfig.json; this plugin reads it for webpack.
const useTsconfigPaths = (chain: { resolve: { plugin(name: string): { use(plugin: unknown, args?: unknown[]): void } } }) => {
  chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin, [{ configFile: path.resolve(__dirname, '..', 'tsconfig.json') }])
}

// shared/ lives outside sourceRoot, so Taro's Babel rule must be told to compile it too.
const compile = { include: [path.resolve(__dirname, '..', 'shared')] }

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'unionhub',
    date: '2026-11-27',
    // NutUI is authored at 375 wide; our own styles at 750.
    designWidth(input) {
      const file = typeof input === 'object' && input !== null ? (input as { file?: string }).file : undefined
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client/src',
    outputRoot: `dist/${platform}${isE2E ? '-e2e' : ''}`,
    plugins: [],
    defineConstants: {},
    // Taro inlines TARO_APP_* only from .env files or this map; the test build sets it in the shell.
    env: { TARO_APP_E2E: JSON.stringify(isE2E ? '1' : ''), TARO_APP_CLOUD_ENV: JSON.stringify(deployment.cloudEnv), ...templateIds },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Taro's default, stated because the component rule depends on it: a module that only
      // subpackages import is copied into each of them (<subpackage>/sub-common/) instead of the
      // main package (client/src/components/README.md).
      optimizeMainPackage: { enable: true },
      // Shared components reach pages in different orders; their styles are scoped by their own
      // class names, so the order of the extracted CSS does not matter (as on H5 below).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      compile,
      webpackChain: useTsconfigPaths,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      compile,
      webpackChain(chain: Parameters<typeof useTsconfigPaths>[0] & { optimization: { splitChunks(options: object): void } }) {
        useTsconfigPaths(chain)
        // Pages are lazy chunks; without a shared chunk each one carried its own copy of zod and the
        // NutUI components it uses. Code used by two or more pages is loaded once instead.
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: { shared: { minChunks: 2, priority: -10, reuseExistingChunk: true, name: 'shared' } },
        })
      },
    },
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
