import { Map } from '@tarojs/components'
import type { PlaceSummary } from '../../../../services/places'
import '../places.css'

export interface PlaceMapProps {
  places: readonly PlaceSummary[]
  /** Where the person is, or the first place when they keep their location to themselves. */
  center: { longitude: number; latitude: number }
  showSelf: boolean
  onOpen: (place: PlaceSummary) => void
}

/**
 * The places shown in the list as markers on WeChat's map (weapp only: a browser has no map
 * component, and H5 shows the list alone). A marker shows the place's name; tapping it opens the place.
 */
export function PlaceMap({ places, center, showSelf, onOpen }: PlaceMapProps) {
  const markers = places.map((place, index) => ({
    id: index,
    longitude: place.location.longitude,
    latitude: place.location.latitude,
    title: place.name,
    // Empty: WeChat draws its default pin.
    iconPath: '',
    width: 28,
    height: 36,
  }))
  const open = (id: number | string) => {
    const place = places[Number(id)]
    if (place) onOpen(place)
  }
  return (
    <Map
      className="place-map e2e-places-map"
      longitude={center.longitude}
      latitude={center.latitude}
      scale={14}
      showLocation={showSelf}
      markers={markers}
      onMarkerTap={(event) => open(event.detail.markerId)}
      // A map that fails to draw leaves the list below it, which holds the same places.
      onError={() => undefined}
    />
  )
}
