/** The cloud storage folder activity covers are uploaded to (each person into their own folder); `save` accepts covers from there only. */
export const ACTIVITY_COVER_DIR = 'activity-covers'
