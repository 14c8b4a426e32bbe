import type { PropsWithChildren } from 'react'
import { configure as configureIcons } from '@nutui/icons-react-taro'
import Taro from '@tarojs/taro'
import { enableKeyboard } from './components/a11y'
import { applyTextSize } from './services/text-size'
import './app.css'

if (process.env.TARO_ENV === 'weapp') {
  // One cloud environment per build, chosen by TARO_APP_CLOUD_ENV (empty: the default one).
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  // NutUI draws its icons (an input's clear button, a button's loading spinner) as <i>, which a
  // mini program has no template for, so they rendered as nothing; a <view> takes the same mask.
  configureIcons({ tag: 'view' })
}

applyTextSize()
enableKeyboard()

export default function App({ children }: PropsWithChildren) {
  return children
}
