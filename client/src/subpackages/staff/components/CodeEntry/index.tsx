import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { scanOrNotify } from '../../../../services/native'
import './index.css'

export interface CodeEntryProps {
  /** The scan button's words, e.g. 扫描会员卡二维码. */
  scanLabel: string
  submitLabel: string
  /** Said when 提交 is tapped with nothing typed. */
  missing: string
  /** Selectors `<e2e>-scan`, `<e2e>-code` (the typed code) and `<e2e>-submit`. */
  e2e: string
  /** Handles a scanned or typed code; true clears the typed one. */
  onCode: (code: string) => Promise<boolean>
}

/** A member's code at a counter or a door: scanned with the camera, or pasted when the camera fails. */
export function CodeEntry({ scanLabel, submitLabel, missing, e2e, onCode }: CodeEntryProps) {
  const [code, setCode] = useState('')

  const submit = async (value: string) => {
    if (value.trim() === '') return void Taro.showToast({ title: missing, icon: 'none' })
    if (await onCode(value.trim())) setCode('')
  }

  const scan = async () => {
    const scanned = await scanOrNotify({ onlyFromCamera: true })
    if (scanned) await submit(scanned.result)
  }

  return (
    <View>
      <Button type="primary" block className={`${e2e}-scan`} onClick={() => void scan()}>
        {scanLabel}
      </Button>
      <View className="code-entry">
        <Input className={`code-entry__input ${e2e}-code`} value={code} placeholder="或粘贴会员码" onChange={(value: string) => setCode(value)} />
        <Button className={`${e2e}-submit`} onClick={() => void submit(code)}>
          {submitLabel}
        </Button>
      </View>
    </View>
  )
}
