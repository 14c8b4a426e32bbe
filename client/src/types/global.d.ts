/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5'
    /** WeChat cloud environment id for the weapp build (deploy.config.json `cloudEnv`); empty means the default environment. */
    TARO_APP_CLOUD_ENV?: string
    /** '1' in journey-test builds only: compiles in the native-API stubs. */
    TARO_APP_E2E?: string
  }
}
