import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { FEEDBACK_PHOTO_DIR } from '@shared/rules/places'
import { chooseMedia } from '../../../../services/native'
import { uploadImage } from '../../../../services/upload'
import { a11y, imageAlt } from '../../../../components/a11y'
import { FormItem } from '../../../../components/Field'
import '../places.css'

export interface PhotoFieldProps {
  /** The uploaded photo's file id, or undefined. */
  onChange: (fileId: string | undefined) => void
  /** `e2e-<form>-photo`; the add tile gets `<e2e>-add`, the photo `<e2e>-done`. */
  e2e: string
  error?: string
}

/** One optional photo (what the worker saw), uploaded as soon as it is picked. */
export function PhotoField({ onChange, e2e, error }: PhotoFieldProps) {
  const [photo, setPhoto] = useState<{ path: string; state: 'uploading' | 'done' | 'failed'; message?: string } | null>(null)

  async function pick() {
    const outcome = await chooseMedia({ count: 1 })
    if (!outcome.ok) return
    const file = outcome.value.tempFiles[0]
    if (!file) return
    setPhoto({ path: file.tempFilePath, state: 'uploading' })
    onChange(undefined)
    const uploaded = await uploadImage(file.tempFilePath, FEEDBACK_PHOTO_DIR)
    if (uploaded.ok) {
      setPhoto({ path: file.tempFilePath, state: 'done' })
      onChange(uploaded.fileID)
    } else {
      setPhoto({ path: file.tempFilePath, state: 'failed', message: uploaded.message })
    }
  }

  const remove = () => {
    setPhoto(null)
    onChange(undefined)
  }

  return (
    <FormItem label="照片（选填）" e2e={e2e} error={error ?? photo?.message} hint="拍一张现场照片，工会核实更快">
      {photo ? (
        <View className="place-photos">
          <Image className={`place-photo ${e2e}-${photo.state}`} src={photo.path} mode="aspectFill" {...imageAlt('现场照片')} />
          <Text className="place-link" {...a11y('button')} onClick={remove}>
            {photo.state === 'uploading' ? '上传中…' : '删除照片'}
          </Text>
        </View>
      ) : (
        <Text className={`place-link ${e2e}-add`} {...a11y('button')} onClick={() => void pick()}>
          ＋ 添加照片
        </Text>
      )}
    </FormItem>
  )
}
