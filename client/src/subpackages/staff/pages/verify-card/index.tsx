import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { showError } from '../../../../services/cloud'
import { verifyMemberCard, type CardVerdict } from '../../../../services/membership'
import { scanCode } from '../../../../services/native'
import './index.css'

/** Staff scan a member's electronic card (or type its code) to confirm membership at a counter or event. */
export default function StaffVerifyCardPage() {
  const [code, setCode] = useState('')
  const [verdict, setVerdict] = useState<CardVerdict | null>(null)

  async function verify(value: string) {
    if (value.trim() === '') return void Taro.showToast({ title: '请先扫描会员卡二维码', icon: 'none' })
    const result = await verifyMemberCard(value.trim())
    if (result.ok) setVerdict(result.data)
    else showError(result.error)
  }

  async function scan() {
    const outcome = await scanCode({ onlyFromCamera: true })
    if (!outcome.ok) {
      if (!outcome.cancelled) void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
      return
    }
    setCode(outcome.value.result)
    await verify(outcome.value.result)
  }

  return (
    <View className="page e2e-staff-verify-card">
      <Button type="primary" block className="e2e-verify-scan" onClick={() => void scan()}>
        扫描会员卡二维码
      </Button>
      <View className="verify-manual">
        <Input className="verify-input e2e-verify-code" value={code} placeholder="或粘贴会员码" onChange={(value: string) => setCode(value)} />
        <Button className="e2e-verify-submit" onClick={() => void verify(code)}>
          核验
        </Button>
      </View>
      {verdict && (
        <View className={`verify-result ${verdict.valid ? 'verify-result--ok' : 'verify-result--bad'} e2e-verify-result`}>
          <Text className="verify-result__title e2e-verify-verdict">{verdict.valid ? '有效会员' : '核验未通过'}</Text>
          {verdict.member ? (
            <>
              <Text>姓名：{verdict.member.name}</Text>
              <Text>工会：{verdict.member.unionName}</Text>
              <Text>会员号：{verdict.member.memberNumber}</Text>
              <Text>入会日期：{verdict.member.joinedAt.slice(0, 10)}</Text>
            </>
          ) : (
            <Text>{verdict.reason}</Text>
          )}
        </View>
      )}
    </View>
  )
}
