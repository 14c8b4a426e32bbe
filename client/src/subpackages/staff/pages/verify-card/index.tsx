import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { showError } from '../../../../services/cloud'
import { verifyMemberCard, type CardVerdict } from '../../../../services/membership'
import { CodeEntry } from '../../components/CodeEntry'
import { withTextSize } from '../../../../components/TextSize'

/** Staff scan a member's electronic card (or type its code) to confirm membership at a counter or event. */
function StaffVerifyCardPage() {
  const [verdict, setVerdict] = useState<CardVerdict | null>(null)

  async function verify(code: string) {
    const result = await verifyMemberCard(code)
    if (!result.ok) {
      showError(result.error)
      return false
    }
    setVerdict(result.data)
    return true
  }

  return (
    <View className="page e2e-staff-verify-card">
      <CodeEntry scanLabel="扫描会员卡二维码" submitLabel="核验" missing="请先扫描会员卡二维码" e2e="e2e-verify" onCode={verify} />
      {verdict && (
        <View className={`verdict ${verdict.valid ? 'verdict--success' : 'verdict--danger'} e2e-verify-result`}>
          <Text className="verdict__title e2e-verify-verdict">{verdict.valid ? '有效会员' : '核验未通过'}</Text>
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

export default withTextSize(StaffVerifyCardPage)
