app_name = "municipalities_office"
urlpatterns = []
